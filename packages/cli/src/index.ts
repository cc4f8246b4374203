export { type ApiOptions, callApi } from './commands/api.js';
export { type Listener, type ListenOptions, listen } from './commands/listen.js';
export { parseCapture } from './commands/verify.js';
export { FailureError, UsageError } from './errors.js';
export { colorEnabled, type Io } from './io.js';
export { EXIT, main } from './main.js';
export { loadProvider, PROVIDERS } from './providers/registry.js';
export type { ProviderSpec, Sample, SignContext } from './providers/spec.js';
