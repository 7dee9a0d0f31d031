// Observability: alerts topic, alarms (alarms.ts), dashboard (dashboard.ts) and log groups. Alarm
// names are public: the service names its deployment alarms before the alarms exist.
export { alarmNames, deploymentAlarmNames } from "./alarms";
export type { AlarmTargets, AlarmThresholds } from "./alarms";
export { Observability } from "./observability";
export type { ObservabilityArgs } from "./observability";
