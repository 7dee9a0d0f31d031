// Compute, load balancing and certificates: EC2 capacity (instances, spot requests, launch
// templates and configurations, Auto Scaling groups), Classic Load Balancers, the certificates
// listeners serve, and EKS control planes. Nothing that launches compute is reachable from the
// internet, answers IMDSv1, boots from an unencrypted volume or runs outside the stack's VPC
// (SC-7, AC-3, SC-28); Classic ELBs terminate TLS, log and span zones (or move to an ALB);
// certificates come from ACM (SC-17); EKS APIs are private, encrypted and logged.
//
// One file per policy; this index only imports them, in the pack's (and docs/policies.md's) order.

import { GovPolicy } from "../../lib";
import { autoscalingGroupElbHealthCheck } from "./autoscaling-group-elb-health-check";
import { ebsEncryptionByDefaultEnabled } from "./ebs-encryption-by-default-enabled";
import { ec2Imdsv2Required } from "./ec2-imdsv2-required";
import { ec2InstanceInStackVpc } from "./ec2-instance-in-stack-vpc";
import { ec2InstanceProfileAttached } from "./ec2-instance-profile-attached";
import { ec2NoPublicIp } from "./ec2-no-public-ip";
import { ec2RootVolumeEncrypted } from "./ec2-root-volume-encrypted";
import { eksControlPlaneLogs } from "./eks-control-plane-logs";
import { eksEndpointNotPublic } from "./eks-endpoint-not-public";
import { eksNodeGroupSshRestricted } from "./eks-node-group-ssh-restricted";
import { eksSecretsCmk } from "./eks-secrets-cmk";
import { elbClassicAccessLogs } from "./elb-classic-access-logs";
import { elbClassicCrossZone } from "./elb-classic-cross-zone";
import { elbClassicTlsListeners } from "./elb-classic-tls-listeners";
import { noEmbeddedCredentials } from "./no-embedded-credentials";
import { noIamServerCertificates } from "./no-iam-server-certificates";
import { tlsCertificateFromAcm } from "./tls-certificate-from-acm";

export {
    autoscalingGroupElbHealthCheck,
    ebsEncryptionByDefaultEnabled,
    ec2Imdsv2Required,
    ec2InstanceInStackVpc,
    ec2InstanceProfileAttached,
    ec2NoPublicIp,
    ec2RootVolumeEncrypted,
    eksControlPlaneLogs,
    eksEndpointNotPublic,
    eksNodeGroupSshRestricted,
    eksSecretsCmk,
    elbClassicAccessLogs,
    elbClassicCrossZone,
    elbClassicTlsListeners,
    noEmbeddedCredentials,
    noIamServerCertificates,
    tlsCertificateFromAcm,
};

export const computePolicies: GovPolicy[] = [
    // EC2 capacity
    ec2NoPublicIp,
    ec2Imdsv2Required,
    ec2InstanceProfileAttached,
    ec2InstanceInStackVpc,
    ec2RootVolumeEncrypted,
    ebsEncryptionByDefaultEnabled,
    noEmbeddedCredentials,
    autoscalingGroupElbHealthCheck,
    // Classic Load Balancers
    elbClassicTlsListeners,
    elbClassicAccessLogs,
    elbClassicCrossZone,
    // Certificates
    tlsCertificateFromAcm,
    noIamServerCertificates,
    // EKS
    eksEndpointNotPublic,
    eksSecretsCmk,
    eksControlPlaneLogs,
    eksNodeGroupSshRestricted,
];
