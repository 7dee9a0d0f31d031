// The baseline controls no policy checks and no component implements, and why: inherited from AWS
// GovCloud (US), organisational (people, documents and processes no infrastructure setting can
// express), or a known gap with what is missing. Any baseline control not listed here, not
// enforced by a mandatory policy and not implemented by a component is reported as a bare gap.
//
// "Inherited" is used only where AWS operates the whole layer the control is about for this estate
// (data centres, hardware, media, hypervisors, managed-service capacity and clocks) and AWS
// GovCloud's FedRAMP High P-ATO covers it; the customer-side parts of shared controls (the
// organisation's own policy, its people, its own devices) are organisational, never "inherited".
//
// tests/compliance/responsibility.test.ts fails when an entry names a control outside the baseline,
// has no reason, or names a control that a policy or a component already covers (a control is
// either covered in this repository or explained here, never both).

export type ResponsibilityStatus = "inherited" | "organisational" | "gap";

export interface Responsibility {
    readonly status: ResponsibilityStatus;
    /** Why: for "inherited", what AWS does; for "organisational", who does it; for "gap", what is missing. */
    readonly why: string;
}

const POLICY_AND_PROCEDURES =
    "A policy and procedures document the organisation writes, approves, disseminates and reviews; the estate and the pack " +
    "are among the procedures it points to, but no infrastructure setting is the document.";
const AWS_PHYSICAL =
    "Physical and environmental protection of the AWS GovCloud (US) data centres, operated by AWS under its FedRAMP High P-ATO; " +
    "the estate has no facility, rack or cable of its own.";
const AWS_HARDWARE_MAINTENANCE =
    "Maintenance of the hardware and of the managed services' underlying systems (Fargate hosts, RDS, ElastiCache, S3) is " +
    "AWS's, under its FedRAMP High P-ATO; the estate runs no server the organisation maintains.";
const AWS_MEDIA =
    "Every store the estate declares is an AWS managed service, so the system's storage media are AWS's, handled and sanitised " +
    "by AWS under its FedRAMP High P-ATO; media the organisation's staff use outside AWS fall under its MP-1 procedures.";
const IDP =
    "Operators sign in at the organisation's identity provider, federated into AWS (OIDC/SAML): the estate creates no human " +
    "identity and the pack blocks IAM users' access keys and policies, so this is configured in the IdP, not here.";
const ACCOUNTS_PROCESS =
    "Account management for people is the organisation's process in its identity provider (the estate creates only service " +
    "roles, each under a permissions boundary).";
const PEOPLE_TRAINING = "Training and awareness of people: the organisation's programme and records.";
const PERSONNEL = "Personnel security: the organisation's HR and security processes.";
const PLANNING = "System planning documents (SSP, rules of behaviour, architecture, baseline selection) the organisation owns.";
const ASSESSMENT = "Assessment, authorisation and monitoring strategy are the organisation's and its assessors' (the plan's " +
    "OSCAL assessment results are one input).";
const CHANGE_PIPELINE =
    "Change control runs in the delivery pipeline, not in the estate: pull-request review by code owners, the offline plan and " +
    "`pulumi preview` with the pack on every change, an approval rule before prod (docs/delivery.md).";
const CONTINGENCY_PLAN = "Contingency planning, training and testing: the organisation's plan and exercises (docs/runbooks/dr-drill.md is one procedure).";
const INCIDENT_RESPONSE =
    "Incident response is people and process (the estate's alarms, GuardDuty and Security Hub findings feed it; docs/runbooks/).";
const ACQUISITION = "Acquisition, development and supplier management: the organisation's processes and contracts.";
const SUPPLY_CHAIN = "Supply chain risk management: the organisation's plan, suppliers and agreements.";
const RISK = "Risk assessment and response: the organisation's process.";
const OPERATOR_DEVICES = "Concerns the devices and locations of the organisation's staff, outside the system boundary the estate declares.";
const NO_USERS =
    "The system has no sign-in of its own (the service has no user accounts); operators authenticate at the organisation's " +
    "identity provider, which provides this. If the service adds user sign-in, this becomes the application's.";

function each(ids: readonly string[], status: ResponsibilityStatus, why: string): [string, Responsibility][] {
    return ids.map((id) => [id, { status, why }]);
}

export const RESPONSIBILITY: Readonly<Record<string, Responsibility>> = Object.fromEntries([
    ...each(["AC-1", "AT-1", "AU-1", "CA-1", "CM-1", "CP-1", "IA-1", "IR-1", "MA-1", "MP-1", "PE-1", "PL-1", "PS-1", "RA-1", "SA-1", "SC-1", "SI-1", "SR-1"], "organisational", POLICY_AND_PROCEDURES),

    // Access control
    ...each(["AC-2(1)", "AC-2(2)", "AC-2(3)", "AC-2(7)", "AC-2(9)", "AC-2(13)", "AC-6(2)", "AC-6(5)", "AC-6(7)"], "organisational", ACCOUNTS_PROCESS),
    ...each(["AC-2(5)", "AC-12"], "organisational", IDP),
    ...each(["AC-7", "AC-8"], "organisational", NO_USERS),
    ...each(["AC-11", "AC-11(1)", "AC-19", "AC-19(5)", "AC-20", "AC-20(1)", "AC-20(2)", "SC-7(7)", "CM-2(7)", "PE-17"], "organisational", OPERATOR_DEVICES),
    ["AC-17(3)", { status: "organisational", why: "Operators reach AWS through the organisation's managed access points (its network and IdP); the estate's only operator path, the test listener, is limited to `edge.operatorCidrs`." }],
    ["AC-17(4)", { status: "organisational", why: "Authorising privileged commands over remote access is the organisation's procedure; the audit trail records them (AC-17(1))." }],
    ...each(["AC-18", "AC-18(1)", "AC-18(3)"], "inherited", "No wireless networking inside the system boundary: the estate runs in AWS GovCloud (US) data centres, whose networks AWS operates under its FedRAMP High P-ATO."),
    ["AC-22", { status: "organisational", why: "Reviewing and approving publicly accessible content is the organisation's process." }],

    // Awareness and training
    ...each(["AT-2", "AT-2(2)", "AT-2(3)", "AT-3", "AT-4"], "organisational", PEOPLE_TRAINING),

    // Audit and accountability
    ["AU-4", { status: "inherited", why: "Audit records go to CloudWatch Logs and S3, whose storage AWS scales without a capacity limit to allocate (FedRAMP High P-ATO); the estate sets retention, not capacity." }],
    ["AU-5", { status: "gap", why: "No alarm on audit logging failures (CloudTrail delivery errors, a stopped AWS Config recorder) yet." }],
    ["AU-6(1)", { status: "gap", why: "Alarms notify people, but no automated process integrates audit review with incident response yet." }],
    ["AU-6(3)", { status: "gap", why: "Audit records stay in separate log groups and buckets; nothing correlates them yet." }],
    ...each(["AU-7", "AU-7(1)"], "inherited", "CloudWatch Logs Insights and S3 Select provide on-demand reduction and report generation over the estate's log groups and buckets without altering the records; using them is AU-6's."),
    ["AU-8", { status: "inherited", why: "Time stamps in the estate's audit records (CloudTrail, CloudWatch, ALB, flow logs) are set by AWS services from the Amazon Time Sync Service, in UTC." }],
    ["AU-9(4)", { status: "gap", why: "Audit buckets and log groups are readable by any principal the account's IAM allows; no separate audit-reader role restricts them yet." }],

    // Assessment, authorisation and monitoring
    ...each(["CA-2", "CA-2(1)", "CA-2(3)", "CA-3", "CA-5", "CA-6", "CA-7(1)", "CA-7(4)", "CA-8", "CA-8(1)", "CA-8(2)"], "organisational", ASSESSMENT),

    // Configuration management
    ...each(["CM-3(2)", "CM-3(4)", "CM-4", "CM-4(2)", "CM-5(5)"], "organisational", CHANGE_PIPELINE),
    ["CM-2(3)", { status: "organisational", why: "Previous configurations are kept by git history and Pulumi's stack update history, outside the estate." }],
    ["CM-7(1)", { status: "organisational", why: "Periodic review of functions, ports and services is the organisation's (docs/architecture.md lists what each security group allows)." }],
    ["CM-7(2)", { status: "gap", why: "Nothing prevents an unapproved program inside the running container beyond its read-only root file system." }],
    ["CM-7(5)", { status: "gap", why: "Only the pinned image runs, but no allow-list of software inside the image is kept or enforced." }],
    ["CM-8(3)", { status: "organisational", why: "Unauthorised components are detected by Pulumi drift detection in the delivery program (delivery/, DriftSchedule), outside the estate." }],
    ...each(["CM-9", "CM-10", "CM-11"], "organisational", "Configuration management plan and software usage rules are the organisation's documents and processes."),
    ["CM-12", { status: "organisational", why: "The organisation identifies where its information is; the estate keeps it in us-gov-west-1 (and the DR copy in us-gov-east-1), pinned by the provider-allowed-regions policy." }],
    ["CM-12(1)", { status: "gap", why: "No automated discovery of where information is stored (e.g. Amazon Macie) is deployed." }],

    // Contingency planning
    ...each(["CP-2", "CP-2(1)", "CP-2(3)", "CP-2(8)", "CP-3", "CP-4", "CP-4(1)", "CP-6(3)", "CP-7(2)", "CP-7(3)", "CP-9(1)"], "organisational", CONTINGENCY_PLAN),
    ["CP-7(1)", { status: "gap", why: "No alternate processing site in a second region: only backups are copied to us-gov-east-1; the service would be rebuilt there (docs/runbooks/database-restore-dr.md)." }],
    ...each(["CP-8", "CP-8(1)", "CP-8(2)"], "inherited", "Telecommunications services of the data centres (redundant carriers, priority of service) are AWS's, under its FedRAMP High P-ATO; the estate uses none of its own."),

    // Identification and authentication
    ...each(["IA-2(2)", "IA-2(5)", "IA-2(6)", "IA-2(8)", "IA-2(12)", "IA-6", "IA-11"], "organisational", IDP),
    ...each(["IA-8", "IA-8(1)", "IA-8(2)", "IA-8(4)"], "organisational", NO_USERS),
    ...each(["IA-3", "IA-4", "IA-4(4)", "IA-12", "IA-12(2)", "IA-12(3)", "IA-12(5)"], "organisational", "Identifier management, identity proofing and device identification for people and their devices are the organisation's (its IdP and device management)."),
    ["IA-5(2)", { status: "organisational", why: "PKI-based authenticators (the edge's certificate, PIV) are issued and managed outside the estate; the estate only references the certificate's ARN (`edge.certificateArn`)." }],
    ["IA-7", { status: "inherited", why: "Authentication to the cryptographic modules the estate relies on (AWS KMS's FIPS 140-validated HSMs, the FIPS endpoints) is implemented by AWS." }],

    // Incident response
    ...each(["IR-2", "IR-3", "IR-3(2)", "IR-4(1)", "IR-5", "IR-6", "IR-6(1)", "IR-6(3)", "IR-7", "IR-7(1)", "IR-8", "IR-9", "IR-9(2)", "IR-9(3)", "IR-9(4)"], "organisational", INCIDENT_RESPONSE),

    // Maintenance
    ["MA-2", { status: "organisational", why: "Scheduling, approving and recording maintenance of the estate (releases, engine upgrades in the maintenance window) is the organisation's process; the hardware's is AWS's." }],
    ["MA-4", { status: "organisational", why: "Nonlocal maintenance is operators working through the federated AWS APIs: authorised by the organisation and recorded by the audit trail." }],
    ...each(["MA-3", "MA-3(1)", "MA-3(2)", "MA-3(3)", "MA-5", "MA-5(1)", "MA-6"], "inherited", AWS_HARDWARE_MAINTENANCE),

    // Media protection
    ...each(["MP-2", "MP-3", "MP-4", "MP-5", "MP-6", "MP-7"], "inherited", AWS_MEDIA),

    // Physical and environmental protection
    ...each(["PE-2", "PE-3", "PE-4", "PE-5", "PE-6", "PE-6(1)", "PE-8", "PE-9", "PE-10", "PE-11", "PE-12", "PE-13", "PE-13(1)", "PE-13(2)", "PE-14", "PE-15", "PE-16"], "inherited", AWS_PHYSICAL),

    // Planning, personnel security, risk assessment
    ...each(["PL-2", "PL-4", "PL-4(1)", "PL-8", "PL-10", "PL-11"], "organisational", PLANNING),
    ...each(["PS-2", "PS-3", "PS-3(3)", "PS-4", "PS-5", "PS-6", "PS-7", "PS-8", "PS-9"], "organisational", PERSONNEL),
    ...each(["RA-2", "RA-3", "RA-3(1)", "RA-5(3)", "RA-5(5)", "RA-5(11)", "RA-7", "RA-9"], "organisational", RISK),
    ["RA-5(2)", { status: "inherited", why: "ECR image scanning's vulnerability database is kept current by AWS; the estate turns scanning on (RA-5)." }],

    // System and services acquisition
    ...each(["SA-2", "SA-3", "SA-4", "SA-4(1)", "SA-4(2)", "SA-4(9)", "SA-4(10)", "SA-5", "SA-8", "SA-9", "SA-9(1)", "SA-9(2)", "SA-10", "SA-11", "SA-11(1)", "SA-11(2)", "SA-15", "SA-15(3)", "SA-22"], "organisational", ACQUISITION),
    ["SA-9(5)", { status: "organisational", why: "The organisation restricts where external services process and store data; the estate's providers are pinned to GovCloud regions by the provider-allowed-regions policy (which cites CM-2 and CM-6)." }],

    // System and communications protection
    ["SC-2", { status: "gap", why: "Administration goes through the AWS APIs and users through the ALB, but no separation of management functions inside the service is declared." }],
    ["SC-4", { status: "inherited", why: "Isolation of shared hardware (Fargate micro-VMs, managed-service hosts, memory and storage reuse) is AWS's, under its FedRAMP High P-ATO." }],
    ["SC-7(4)", { status: "gap", why: "No documented managed interface per external telecommunications service beyond the edge." }],
    ["SC-7(8)", { status: "gap", why: "The service has no outbound internet path today (egress only to VPC endpoints), and no authenticated proxy exists for when it does." }],
    ["SC-7(12)", { status: "gap", why: "No host-based protection in the tasks (GuardDuty runtime monitoring is off: `baseline.guardDutyRuntimeMonitoring`)." }],
    ["SC-7(18)", { status: "gap", why: "Fail-secure behaviour of the boundary devices (ALB, WAF) is not configured or documented." }],
    ["SC-10", { status: "gap", why: "The ALB's idle timeout is AWS's default (60 s); the estate does not set one for the FedRAMP parameter." }],
    ...each(["SC-15", "SC-18"], "organisational", "No collaborative computing devices or mobile code are part of the system; the organisation's usage rules cover its staff's."),
    ...each(["SC-20", "SC-22"], "organisational", "The public DNS zone for `edge.domainName` is operated outside this program; DNSSEC signing and resolver architecture are configured there."),
    ["SC-21", { status: "gap", why: "DNSSEC validation on the VPC's Route 53 Resolver is not enabled by the estate." }],
    ...each(["SC-45", "SC-45(1)"], "inherited", "The estate runs no clock of its own: Fargate tasks and managed services synchronise with the Amazon Time Sync Service."),

    // System and information integrity
    ...each(["SI-2(2)", "SI-2(3)", "SI-5", "SI-7(7)"], "organisational", "Tracking flaw remediation, security alerts and responses is the organisation's process (the scan findings and alarms feed it)."),
    ["SI-4(18)", { status: "gap", why: "No analysis of outbound traffic for covert exfiltration beyond GuardDuty's findings." }],
    ["SI-4(23)", { status: "gap", why: "No host-based monitoring in the tasks unless `baseline.guardDutyRuntimeMonitoring` is on (it is off in both stacks)." }],
    ["SI-6", { status: "gap", why: "Security functions are checked before deployment (the pack) and by AWS Config rules, but no scheduled self-test of them is declared." }],
    ...each(["SI-8", "SI-8(2)"], "organisational", "The system sends only SNS alert e-mails and receives none; spam protection is the organisation's mail system's."),
    ["SI-11", { status: "gap", why: "Error handling is the application's; the service template returns plain status codes and nothing checks it." }],
    ["SI-16", { status: "inherited", why: "Memory protection (no-execute pages, ASLR) of the Fargate hosts' kernels is AWS's; the container runs unprivileged on it." }],

    // Supply chain
    ...each(["SR-2", "SR-2(1)", "SR-3", "SR-5", "SR-6", "SR-8", "SR-10", "SR-11(1)", "SR-11(2)"], "organisational", SUPPLY_CHAIN),
    ["SR-12", { status: "inherited", why: "Disposal of the hardware the system runs on is AWS's (media sanitised under NIST SP 800-88), under its FedRAMP High P-ATO." }],
]);
