/** What Kudu posts when a deployment finishes (see the Kudu wiki, "Web hooks"). */
export interface KuduNotification {
  /** Deployment id (the commit id for source deployments). */
  id: string;
  /** `success` or `failed`: the Hookwire event name. */
  status: string;
  statusText: string;
  authorEmail: string;
  author: string;
  message: string;
  progress: string;
  deployer: string;
  receivedTime: string;
  startTime: string;
  endTime: string;
  lastSuccessEndTime: string;
  complete: boolean;
  siteName: string;
  hostName?: string;
}

export type KuduEvents = { success: KuduNotification; failed: KuduNotification };
