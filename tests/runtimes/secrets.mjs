// The secrets the app is configured with and the checks sign with.
export const SECRETS = {
  github: 'runtime github secret',
  stripe: 'whsec_runtime_stripe',
  slack: 'runtime slack signing secret',
  standard: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};
