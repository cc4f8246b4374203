// The official SDK ships no types; only the webhook helpers used by the tests are declared.
declare module 'coinbase-commerce-node' {
  export const Webhook: {
    verifySigHeader(payload: string, signature: string, secret: string): boolean;
    verifyEventBody(payload: string, signature: string, secret: string): { id: string; type: string };
  };
}
