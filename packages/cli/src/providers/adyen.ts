import { adyen } from '@hookwire/adyen';
import { signAdyenBalancePlatformRequest, signAdyenNotification } from '@hookwire/adyen/testing';
import { type ProviderSpec, payloadOf, type SignContext } from './spec.js';

function notification(eventCode: string, extra: Record<string, unknown>) {
  return (context: SignContext) =>
    signAdyenNotification({
      secret: context.secret,
      url: context.url,
      items: payloadOf(context, [
        {
          eventCode,
          success: 'true',
          pspReference: '7914073381342284',
          merchantReference: 'order-6735',
          merchantAccountCode: 'HookwireECOM',
          amount: { value: 1130, currency: 'EUR' },
          eventDate: '2026-03-02T10:15:00+01:00',
          paymentMethod: 'visa',
          ...extra,
        },
      ]),
    });
}

const spec: ProviderSpec = {
  name: 'adyen',
  secret: 'the HMAC key of the webhook (hex)',
  defaultSecret: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
  receiver: ({ secret }) => adyen({ secret }),
  samples: {
    AUTHORISATION: { description: 'a payment authorised', sign: notification('AUTHORISATION', {}) },
    REFUND: {
      description: 'a refund processed',
      sign: notification('REFUND', {
        originalReference: '7914073381342284',
        pspReference: '8515131751004933',
      }),
    },
    'balancePlatform.accountHolder.created': {
      description: 'a balance platform account holder created (HMAC header)',
      sign: (context) =>
        signAdyenBalancePlatformRequest({
          secret: context.secret,
          url: context.url,
          type: 'balancePlatform.accountHolder.created',
          data: payloadOf(context, {
            balancePlatform: 'HookwirePlatform',
            accountHolder: {
              id: 'AH3227C223222B5GG3XH7WD8V',
              status: 'active',
              legalEntityId: 'LE322JV223222D5GG3XH7WD8T',
            },
          }),
        }),
    },
  },
};

export default spec;
