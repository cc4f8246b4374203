/** A field value of an sObject: text as sent, `null` for `xsi:nil`, an object for nested elements. */
export type SalesforceFieldValue = string | null | { [field: string]: SalesforceFieldValue };

/** The sObject's fields by API name (`Id`, `Name`, `Email`, `My_Field__c`), as the outbound message lists them. */
export type SalesforceFields = { [field: string]: SalesforceFieldValue };

/** What the whole SOAP message says about its sender; shared by its notifications. */
export interface SalesforceOutboundMessage {
  /** 18-character id of the organization that sent the message. */
  organizationId: string;
  /** Id of the outbound message (the workflow action) that fired. */
  actionId: string;
  /**
   * An API session id for calling back into Salesforce, when the outbound message is set to send
   * one. It is a live credential: never log it.
   */
  sessionId: string | null;
  enterpriseUrl: string;
  partnerUrl: string;
}

/** One notification of an outbound message (a message carries up to 100). */
export interface SalesforceNotification<TFields extends SalesforceFields = SalesforceFields> {
  /** The notification id: Salesforce may deliver a notification more than once, with the same id. */
  id: string;
  /** The sObject type from `xsi:type` (`Contact`, `Opportunity`, `My_Object__c`). */
  sObjectType: string | undefined;
  sObject: TFields;
  message: SalesforceOutboundMessage;
}

/**
 * Events are named by the message's `ActionId` (the outbound message that fired, an org-specific
 * id such as `04k5g000000XXXXAAA`), so names are not known in advance: every name carries a
 * `SalesforceNotification`.
 */
export type SalesforceEvents = { [actionId: string]: SalesforceNotification };
