// NIST SP 800-53 rev5 control catalogue for the controls this pack's policies support, with each
// control's membership in the FedRAMP Moderate (rev5) baseline. Policies declare their controls
// next to their own code (`controls: ["SC-28", "SC-12"]`); the `ControlId` type makes a typo a
// compile error, and `validateControlIds` catches it again at pack load for untyped callers.
// Add a control here (alphabetical) before a policy can cite it.

export interface ControlInfo {
    /** The control's title in SP 800-53 rev5. */
    readonly title: string;
    /** Whether the FedRAMP rev5 Moderate baseline selects this control (or enhancement). */
    readonly fedrampModerate: boolean;
}

export const NIST_FRAMEWORK = {
    name: "NIST SP 800-53",
    version: "rev5",
    reference: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
} as const;

export const CONTROL_CATALOGUE = {
    "AC-2": { title: "Account Management", fedrampModerate: true },
    "AC-3": { title: "Access Enforcement", fedrampModerate: true },
    "AC-4": { title: "Information Flow Enforcement", fedrampModerate: true },
    "AC-5": { title: "Separation of Duties", fedrampModerate: true },
    "AC-6": { title: "Least Privilege", fedrampModerate: true },
    "AC-6(1)": { title: "Least Privilege | Authorize Access to Security Functions", fedrampModerate: true },
    "AC-6(2)": { title: "Least Privilege | Non-privileged Access for Nonsecurity Functions", fedrampModerate: true },
    "AC-6(9)": { title: "Least Privilege | Log Use of Privileged Functions", fedrampModerate: true },
    "AC-6(10)": { title: "Least Privilege | Prohibit Non-privileged Users from Executing Privileged Functions", fedrampModerate: true },
    "AC-14": { title: "Permitted Actions without Identification or Authentication", fedrampModerate: true },
    "AC-17": { title: "Remote Access", fedrampModerate: true },
    "AC-17(2)": { title: "Remote Access | Protection of Confidentiality and Integrity Using Encryption", fedrampModerate: true },
    "AC-21": { title: "Information Sharing", fedrampModerate: true },
    "AU-2": { title: "Event Logging", fedrampModerate: true },
    "AU-3": { title: "Content of Audit Records", fedrampModerate: true },
    "AU-4": { title: "Audit Log Storage Capacity", fedrampModerate: true },
    "AU-6": { title: "Audit Record Review, Analysis, and Reporting", fedrampModerate: true },
    "AU-9": { title: "Protection of Audit Information", fedrampModerate: true },
    "AU-9(4)": { title: "Protection of Audit Information | Access by Subset of Privileged Users", fedrampModerate: true },
    "AU-11": { title: "Audit Record Retention", fedrampModerate: true },
    "AU-12": { title: "Audit Record Generation", fedrampModerate: true },
    "CA-7": { title: "Continuous Monitoring", fedrampModerate: true },
    "CA-9": { title: "Internal System Connections", fedrampModerate: true },
    "CM-2": { title: "Baseline Configuration", fedrampModerate: true },
    "CM-3": { title: "Configuration Change Control", fedrampModerate: true },
    "CM-5": { title: "Access Restrictions for Change", fedrampModerate: true },
    "CM-6": { title: "Configuration Settings", fedrampModerate: true },
    "CM-7": { title: "Least Functionality", fedrampModerate: true },
    "CM-7(1)": { title: "Least Functionality | Periodic Review", fedrampModerate: true },
    "CM-8": { title: "System Component Inventory", fedrampModerate: true },
    "CM-14": { title: "Signed Components", fedrampModerate: false },
    "CP-6": { title: "Alternate Storage Site", fedrampModerate: true },
    "CP-7": { title: "Alternate Processing Site", fedrampModerate: true },
    "CP-9": { title: "System Backup", fedrampModerate: true },
    "CP-9(8)": { title: "System Backup | Cryptographic Protection", fedrampModerate: true },
    "CP-10": { title: "System Recovery and Reconstitution", fedrampModerate: true },
    "IA-2": { title: "Identification and Authentication (Organizational Users)", fedrampModerate: true },
    "IA-2(1)": { title: "Identification and Authentication | Multi-factor Authentication to Privileged Accounts", fedrampModerate: true },
    "IA-5": { title: "Authenticator Management", fedrampModerate: true },
    "IA-5(1)": { title: "Authenticator Management | Password-based Authentication", fedrampModerate: true },
    "IA-5(7)": { title: "Authenticator Management | No Embedded Unencrypted Static Authenticators", fedrampModerate: true },
    "IA-7": { title: "Cryptographic Module Authentication", fedrampModerate: true },
    "IR-4": { title: "Incident Handling", fedrampModerate: true },
    "RA-5": { title: "Vulnerability Monitoring and Scanning", fedrampModerate: true },
    "SA-10": { title: "Developer Configuration Management", fedrampModerate: true },
    "SC-5": { title: "Denial-of-service Protection", fedrampModerate: true },
    "SC-7": { title: "Boundary Protection", fedrampModerate: true },
    "SC-7(3)": { title: "Boundary Protection | Access Points", fedrampModerate: true },
    "SC-7(4)": { title: "Boundary Protection | External Telecommunications Services", fedrampModerate: true },
    "SC-7(5)": { title: "Boundary Protection | Deny by Default — Allow by Exception", fedrampModerate: true },
    "SC-8": { title: "Transmission Confidentiality and Integrity", fedrampModerate: true },
    "SC-8(1)": { title: "Transmission Confidentiality and Integrity | Cryptographic Protection", fedrampModerate: true },
    "SC-12": { title: "Cryptographic Key Establishment and Management", fedrampModerate: true },
    "SC-13": { title: "Cryptographic Protection", fedrampModerate: true },
    "SC-17": { title: "Public Key Infrastructure Certificates", fedrampModerate: true },
    "SC-23": { title: "Session Authenticity", fedrampModerate: true },
    "SC-28": { title: "Protection of Information at Rest", fedrampModerate: true },
    "SC-28(1)": { title: "Protection of Information at Rest | Cryptographic Protection", fedrampModerate: true },
    "SC-39": { title: "Process Isolation", fedrampModerate: true },
    "SI-2": { title: "Flaw Remediation", fedrampModerate: true },
    "SI-3": { title: "Malicious Code Protection", fedrampModerate: true },
    "SI-4": { title: "System Monitoring", fedrampModerate: true },
    "SI-7": { title: "Software, Firmware, and Information Integrity", fedrampModerate: true },
    "SI-10": { title: "Information Input Validation", fedrampModerate: true },
    "SI-12": { title: "Information Management and Retention", fedrampModerate: true },
    "SR-11": { title: "Component Authenticity", fedrampModerate: true },
} as const satisfies Record<string, ControlInfo>;

export type ControlId = keyof typeof CONTROL_CATALOGUE;

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
