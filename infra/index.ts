import { loadSettings } from "./config";
import { buildEstate, estateOutputs } from "./estate";
import { runOrExplain } from "./lib/run-or-explain";

// Settings are read and validated once, before any resource is declared. An invalid setting stops
// the program with one line naming the key, the value and what is allowed (a SettingsError, which
// runOrExplain hands to the Pulumi CLI as a RunError: no stack trace for a user mistake).
const outputs = runOrExplain(() => estateOutputs(buildEstate(loadSettings())));

export const serviceUrl = outputs.serviceUrl;
export const albDnsName = outputs.albDnsName;
export const databaseEndpoint = outputs.databaseEndpoint;
export const cachePrimaryEndpoint = outputs.cachePrimaryEndpoint;
export const clusterName = outputs.clusterName;
export const serviceName = outputs.serviceName;
export const image = outputs.image;
export const alertsTopicArn = outputs.alertsTopicArn;
export const dashboardName = outputs.dashboardName;
export const vpcId = outputs.vpcId;
export const accessLogsBucket = outputs.accessLogsBucket;
export const backupsBucket = outputs.backupsBucket;
