// Detection: GuardDuty, Security Hub, Access Analyzer, AWS Config and its conformance pack
// (conformance-pack.ts, private to it).
export { Detection, nist80053StandardArn } from "./detection";
export type { DetectionArgs } from "./detection";
