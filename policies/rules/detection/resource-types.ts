// Type tokens of the detection area (GuardDuty, Security Hub, AWS Config).

export const DETECTOR = "aws:guardduty/detector:Detector";
export const DETECTOR_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
export const HUB_ACCOUNT = "aws:securityhub/account:Account";
export const STANDARDS_SUBSCRIPTION = "aws:securityhub/standardsSubscription:StandardsSubscription";
export const RECORDER = "aws:cfg/recorder:Recorder";
export const RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus";
export const DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
export const RETENTION_CONFIGURATION = "aws:cfg/retentionConfiguration:RetentionConfiguration";
export const CONFIG_RULE = "aws:cfg/rule:Rule";
export const REMEDIATION_CONFIGURATION = "aws:cfg/remediationConfiguration:RemediationConfiguration";
