// NIST SP 800-53 rev5 control catalogue for the controls this pack's policies support. Policies
// declare their controls next to their own code (`controls: ["SC-28", "SC-12"]`); the `ControlId`
// type makes a typo a compile error, and `validateControlIds` catches it again at pack load for
// untyped callers. Add a control here (alphabetical) before a policy can cite it.
//
// Whether the FedRAMP rev5 Moderate baseline selects a control is not kept by hand: it comes from
// GSA's OSCAL baseline profile (compliance/oscal/), through the id list generated from it
// (./fedramp-moderate.ts). tests/compliance/baseline.test.ts fails when a policy cites a control
// the baseline does not select, or a title here differs from the catalog's.

import { FEDRAMP_MODERATE_CONTROLS } from "./fedramp-moderate";

export interface ControlInfo {
    /** The control's title in SP 800-53 rev5 ("<control> | <enhancement>" for an enhancement). */
    readonly title: string;
    /** Whether the FedRAMP rev5 Moderate baseline selects this control (or enhancement). */
    readonly fedrampModerate: boolean;
}

export const NIST_FRAMEWORK = {
    name: "NIST SP 800-53",
    version: "rev5",
    reference: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
} as const;

const FEDRAMP_MODERATE: ReadonlySet<string> = new Set(FEDRAMP_MODERATE_CONTROLS);

/** Whether the FedRAMP rev5 Moderate baseline selects `id` ("AC-2(4)"). */
export function inFedrampModerate(id: string): boolean {
    return FEDRAMP_MODERATE.has(id);
}

const TITLES = {
    "AC-2": "Account Management",
    "AC-3": "Access Enforcement",
    "AC-4": "Information Flow Enforcement",
    "AC-5": "Separation of Duties",
    "AC-6": "Least Privilege",
    "AC-6(1)": "Least Privilege | Authorize Access to Security Functions",
    "AC-6(2)": "Least Privilege | Non-privileged Access for Nonsecurity Functions",
    "AC-6(9)": "Least Privilege | Log Use of Privileged Functions",
    "AC-6(10)": "Least Privilege | Prohibit Non-privileged Users from Executing Privileged Functions",
    "AC-14": "Permitted Actions Without Identification or Authentication",
    "AC-17": "Remote Access",
    "AC-17(2)": "Remote Access | Protection of Confidentiality and Integrity Using Encryption",
    "AC-21": "Information Sharing",
    "AU-2": "Event Logging",
    "AU-3": "Content of Audit Records",
    "AU-4": "Audit Log Storage Capacity",
    "AU-6": "Audit Record Review, Analysis, and Reporting",
    "AU-9": "Protection of Audit Information",
    "AU-9(4)": "Protection of Audit Information | Access by Subset of Privileged Users",
    "AU-11": "Audit Record Retention",
    "AU-12": "Audit Record Generation",
    "CA-7": "Continuous Monitoring",
    "CA-9": "Internal System Connections",
    "CM-2": "Baseline Configuration",
    "CM-3": "Configuration Change Control",
    "CM-5": "Access Restrictions for Change",
    "CM-6": "Configuration Settings",
    "CM-7": "Least Functionality",
    "CM-7(1)": "Least Functionality | Periodic Review",
    "CM-8": "System Component Inventory",
    "CM-14": "Signed Components",
    "CP-6": "Alternate Storage Site",
    "CP-7": "Alternate Processing Site",
    "CP-9": "System Backup",
    "CP-9(8)": "System Backup | Cryptographic Protection",
    "CP-10": "System Recovery and Reconstitution",
    "IA-2": "Identification and Authentication (Organizational Users)",
    "IA-2(1)": "Identification and Authentication (Organizational Users) | Multi-factor Authentication to Privileged Accounts",
    "IA-5": "Authenticator Management",
    "IA-5(1)": "Authenticator Management | Password-based Authentication",
    "IA-5(7)": "Authenticator Management | No Embedded Unencrypted Static Authenticators",
    "IA-7": "Cryptographic Module Authentication",
    "IR-4": "Incident Handling",
    "RA-5": "Vulnerability Monitoring and Scanning",
    "SA-10": "Developer Configuration Management",
    "SC-5": "Denial-of-service Protection",
    "SC-7": "Boundary Protection",
    "SC-7(3)": "Boundary Protection | Access Points",
    "SC-7(4)": "Boundary Protection | External Telecommunications Services",
    "SC-7(5)": "Boundary Protection | Deny by Default — Allow by Exception",
    "SC-8": "Transmission Confidentiality and Integrity",
    "SC-8(1)": "Transmission Confidentiality and Integrity | Cryptographic Protection",
    "SC-12": "Cryptographic Key Establishment and Management",
    "SC-13": "Cryptographic Protection",
    "SC-17": "Public Key Infrastructure Certificates",
    "SC-23": "Session Authenticity",
    "SC-28": "Protection of Information at Rest",
    "SC-28(1)": "Protection of Information at Rest | Cryptographic Protection",
    "SC-39": "Process Isolation",
    "SI-2": "Flaw Remediation",
    "SI-3": "Malicious Code Protection",
    "SI-4": "System Monitoring",
    "SI-7": "Software, Firmware, and Information Integrity",
    "SI-10": "Information Input Validation",
    "SI-12": "Information Management and Retention",
    "SR-11": "Component Authenticity",
} as const satisfies Record<string, string>;

export type ControlId = keyof typeof TITLES;

export const CONTROL_CATALOGUE: { readonly [K in ControlId]: ControlInfo } = Object.fromEntries(
    Object.entries(TITLES).map(([id, title]) => [id, { title, fedrampModerate: inFedrampModerate(id) }]),
) as { readonly [K in ControlId]: ControlInfo };

/** Checks control IDs against the catalogue; throws an error naming the policy and the bad ID. */
export function validateControlIds(policyName: string, ids: readonly string[]): asserts ids is readonly ControlId[] {
    if (ids.length === 0) {
        throw new Error(`Policy "${policyName}" must cite at least one NIST SP 800-53 rev5 control`);
    }
    for (const id of ids) {
        if (!Object.prototype.hasOwnProperty.call(CONTROL_CATALOGUE, id)) {
            throw new Error(
                `Policy "${policyName}" cites unknown control "${id}"; add it to CONTROL_CATALOGUE in policies/controls.ts ` +
                    `(known: ${Object.keys(CONTROL_CATALOGUE).join(", ")})`,
            );
        }
    }
    if (new Set(ids).size !== ids.length) {
        throw new Error(`Policy "${policyName}" cites a control more than once: ${ids.join(", ")}`);
    }
}

export function controlInfo(id: ControlId): ControlInfo {
    return CONTROL_CATALOGUE[id];
}
