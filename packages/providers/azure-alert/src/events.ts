/** An alert in Azure Monitor's common alert schema (`schemaId: "azureMonitorCommonAlertSchema"`). */
export interface AzureCommonAlert {
  schemaId: 'azureMonitorCommonAlertSchema';
  data: {
    essentials: {
      alertId: string;
      /** The alert rule's name: the Hookwire event name. */
      alertRule: string;
      severity: string;
      signalType: string;
      /** `Fired` or `Resolved`. */
      monitorCondition: string;
      monitoringService: string;
      alertTargetIDs: string[];
      configurationItems?: string[];
      originAlertId: string;
      firedDateTime: string;
      resolvedDateTime?: string;
      description: string;
      essentialsVersion: string;
      alertContextVersion: string;
      [field: string]: unknown;
    };
    alertContext: Record<string, unknown>;
    customProperties?: Record<string, string> | null;
  };
}

/** A classic metric alert, the payload ASP.NET WebHooks' `AzureAlertNotification` modelled. */
export interface AzureClassicAlert {
  /** `Activated` or `Resolved`. */
  status: string;
  context: {
    id: string;
    /** The alert rule's name: the Hookwire event name. */
    name: string;
    description: string;
    conditionType: string;
    condition: {
      metricName: string;
      metricUnit: string;
      metricValue: string;
      threshold: string;
      windowSize: string;
      timeAggregation: string;
      operator: string;
      [field: string]: unknown;
    };
    subscriptionId: string;
    resourceGroupName: string;
    timestamp: string;
    resourceName: string;
    resourceType: string;
    resourceId: string;
    resourceRegion: string;
    portalLink: string;
    [field: string]: unknown;
  };
  properties?: Record<string, string>;
}

export type AzureAlert = AzureCommonAlert | AzureClassicAlert;
