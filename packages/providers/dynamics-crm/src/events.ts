/** A key/value pair of a Dynamics parameter collection, as its JSON serialiser writes it. */
export interface DynamicsKeyValue<T = unknown> {
  key: string;
  value: T;
}

/**
 * The `RemoteExecutionContext` Dynamics 365 (Dataverse) posts to a webhook step. The
 * `MessageName` (`Create`, `Update`, `Delete`, …) is the Hookwire event name.
 */
export interface DynamicsExecutionContext {
  MessageName: string;
  PrimaryEntityName: string;
  PrimaryEntityId: string;
  SecondaryEntityName?: string;
  BusinessUnitId: string;
  CorrelationId: string;
  Depth: number;
  InitiatingUserId: string;
  UserId: string;
  InputParameters: DynamicsKeyValue[];
  OutputParameters: DynamicsKeyValue[];
  PreEntityImages: DynamicsKeyValue[];
  PostEntityImages: DynamicsKeyValue[];
  SharedVariables: DynamicsKeyValue[];
  IsExecutingOffline: boolean;
  IsInTransaction: boolean;
  IsOfflinePlayback: boolean;
  IsolationMode: number;
  /** 0 synchronous, 1 asynchronous. */
  Mode: number;
  OperationCreatedOn: string;
  OperationId: string;
  OrganizationId: string;
  OrganizationName: string;
  OwningExtension: { Id: string; LogicalName: string; Name: string; [field: string]: unknown };
  ParentContext?: DynamicsExecutionContext | null;
  RequestId?: string | null;
  /** Pipeline stage: 10 pre-validation, 20 pre-operation, 40 post-operation. */
  Stage: number;
  [field: string]: unknown;
}

export type DynamicsCrmEvents = {
  Create: DynamicsExecutionContext;
  Update: DynamicsExecutionContext;
  Delete: DynamicsExecutionContext;
  Assign: DynamicsExecutionContext;
  SetState: DynamicsExecutionContext;
  Associate: DynamicsExecutionContext;
  Disassociate: DynamicsExecutionContext;
};
