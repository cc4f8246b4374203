// Deno and Bun entry: the app's fetch handler called as Deno.serve / Bun.serve would call it. With
// `--web`, `process.getBuiltinModule` is hidden before the app is imported, so the core takes its
// Web Crypto path on this runtime too.
import { runChecks } from './checks.mjs';

if (process.argv.includes('--web')) process.getBuiltinModule = undefined;
const { createApp } = await import('./app.mjs');
console.log(JSON.stringify(await runChecks(createApp())));
