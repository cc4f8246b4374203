/** The development `code` the demo uses for the providers that sign nothing (ASP.NET's `?code=`). */
export const devCode = (provider: string) => `dev-${provider}-code-0123456789abcdef0123456789`;

export const CODE_HINT = 'the `code` query parameter of the webhook URL (32 to 128 characters)';
