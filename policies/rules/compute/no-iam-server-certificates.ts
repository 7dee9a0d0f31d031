// no-iam-server-certificates: TLS certificates are not uploaded to IAM. An IAM server certificate
// is a private key someone held in a file, renewed by hand (or not) and expiring silently; ACM
// issues and renews certificates and never exports their keys (SC-17, SC-12).

import { IAM_SERVER_CERTIFICATE, resourcePolicy } from "../../lib";

export const noIamServerCertificates = resourcePolicy({
    name: "no-iam-server-certificates",
    description:
        "IAM server certificates (`aws.iam.ServerCertificate`) are blocked: their private key was held in a file to upload it, " +
        "nothing renews them, and they expire silently. Use AWS Certificate Manager, which issues and renews certificates and " +
        "never exports their keys (SC-17, SC-12).",
    summary: "No IAM server certificates: TLS certificates come from ACM",
    severity: "medium",
    controls: ["SC-17", "SC-12"],
    remediationSteps:
        "Replace the aws.iam.ServerCertificate with an `aws.acm.Certificate` (DNS validation; or import into ACM when the " +
        "certificate must come from another CA) and point listeners at its ARN.",
    resourceTypes: [IAM_SERVER_CERTIFICATE],
    noVerdict: [],
    validate: (ctx) => {
        ctx.violation(
            `IAM server certificate "${ctx.name}" uploads a private key to IAM, where nothing renews it; issue or import the certificate ` +
                "in ACM (aws.acm.Certificate) and use its ARN instead.",
        );
    },
});
