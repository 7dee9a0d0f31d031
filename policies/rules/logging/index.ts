// Logging, monitoring and detection: alarms that reach someone (SI-4, IR-4), audit logs that are
// generated and kept (AU-2, AU-12), detection services (SI-4, CA-7), secrets that rotate (IA-5(1)).
//
// One file per policy; this index only imports them, in the pack's (and docs/policies.md's) order.

import { GovPolicy } from "../../lib";
import { cloudwatchAlarmHasAction } from "./cloudwatch-alarm-has-action";
import { secretsmanagerSecretRotation } from "./secretsmanager-secret-rotation";
import { wafv2WebAclLogging } from "./wafv2-web-acl-logging";

export { cloudwatchAlarmHasAction, secretsmanagerSecretRotation, wafv2WebAclLogging };

export const loggingPolicies: GovPolicy[] = [cloudwatchAlarmHasAction, wafv2WebAclLogging, secretsmanagerSecretRotation];
