/** The envelope of every MyGet webhook ("HTTP Post" webhook, JSON). */
export interface MyGetEnvelope<TType extends string = string, TPayload = Record<string, unknown>> {
  Identifier: string;
  Username: string;
  When: string;
  PayloadType: TType;
  PayloadVersion?: string;
  Payload: TPayload;
}

export interface MyGetPackageMetadata {
  IconUrl?: string;
  Size?: number;
  Authors?: string;
  Description?: string;
  LicenseUrl?: string;
  LicenseNames?: string;
  ProjectUrl?: string;
  Tags?: string;
  MinClientVersion?: string | null;
  ReleaseNotes?: string | null;
  Dependencies?: { PackageIdentifier: string; PackageVersion: string; TargetFramework: string | null }[];
}

export interface MyGetPackagePayload {
  PackageType: string;
  PackageIdentifier: string;
  PackageVersion: string;
  FeedIdentifier: string;
  FeedUrl: string;
  PackageDetailsUrl?: string;
  PackageDownloadUrl?: string;
  PackageMetadata?: MyGetPackageMetadata;
  /** `listed`/`unlisted` or `pinned`/`unpinned`. */
  Action?: string;
  TargetPackageSourceName?: string;
  TargetPackageSourceUrl?: string;
}

export interface MyGetBuildPayload {
  FeedIdentifier: string;
  FeedUrl: string;
  Name: string;
  Branch: string;
  /** `success` or `failed` (build finished). */
  Result?: string;
  BuildLogUrl?: string;
  Packages?: {
    PackageType: string;
    PackageIdentifier: string;
    PackageVersion: string;
    TargetFramework: string | null;
  }[];
}

/** Payloads by Hookwire event name, which is MyGet's `PayloadType`. */
export type MyGetEvents = {
  PackageAddedWebHookEventPayloadV1: MyGetEnvelope<'PackageAddedWebHookEventPayloadV1', MyGetPackagePayload>;
  PackageDeletedWebHookEventPayloadV1: MyGetEnvelope<
    'PackageDeletedWebHookEventPayloadV1',
    MyGetPackagePayload
  >;
  PackageListedWebHookEventPayloadV1: MyGetEnvelope<
    'PackageListedWebHookEventPayloadV1',
    MyGetPackagePayload
  >;
  PackagePinnedWebHookEventPayloadV1: MyGetEnvelope<
    'PackagePinnedWebHookEventPayloadV1',
    MyGetPackagePayload
  >;
  PackagePushedWebHookEventPayloadV1: MyGetEnvelope<
    'PackagePushedWebHookEventPayloadV1',
    MyGetPackagePayload
  >;
  BuildQueuedWebHookEventPayloadV1: MyGetEnvelope<'BuildQueuedWebHookEventPayloadV1', MyGetBuildPayload>;
  BuildStartedWebHookEventPayloadV1: MyGetEnvelope<'BuildStartedWebHookEventPayloadV1', MyGetBuildPayload>;
  BuildFinishedWebHookEventPayloadV1: MyGetEnvelope<'BuildFinishedWebHookEventPayloadV1', MyGetBuildPayload>;
};
