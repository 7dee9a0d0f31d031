// no-embedded-credentials: no AWS access key and no private key is written into EC2 user data or
// a Lambda function's environment. Both are readable by anyone who can describe the instance,
// template or function, land in state files and logs, and never rotate; instances and functions
// get credentials from their role (IA-5(7), SC-28; KICS "Hardcoded AWS Access Key", "Hardcoded AWS
// Access Key In Lambda", "User Data Contains Encoded Private Key").

import {
    Checked,
    EC2_INSTANCE,
    LAMBDA_FUNCTION,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    resourcePolicy,
    SPOT_INSTANCE_REQUEST,
    STRING,
} from "../../lib";

// AWS access key ids: AKIA (long-term) and ASIA (temporary), 20 characters
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;
const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** What secret a text holds, looking at it as written and, when it is base64, decoded. */
function findSecret(text: string): string | undefined {
    const views = [text];
    if (text.length >= 16 && BASE64.test(text)) {
        views.push(Buffer.from(text.replace(/\s+/g, ""), "base64").toString("latin1"));
    }
    for (const v of views) {
        if (ACCESS_KEY_ID.test(v)) {
            return "an AWS access key";
        }
        if (PRIVATE_KEY.test(v)) {
            return "a private key";
        }
    }
    return undefined;
}

export const noEmbeddedCredentials = resourcePolicy({
    name: "no-embedded-credentials",
    description:
        "EC2 user data (instances, spot requests, launch templates, launch configurations) and Lambda environment variables must " +
        "not contain an AWS access key (AKIA…/ASIA…) or a private key, plain or base64-encoded: anyone who can describe the " +
        "resource reads them, they land in state and logs, and they never rotate. Use the instance profile or the function's " +
        "role, and Secrets Manager for other secrets (IA-5(7), SC-28).",
    summary: "No AWS access keys or private keys in EC2 user data or Lambda environment variables",
    severity: "critical",
    controls: ["IA-5(7)", "SC-28"],
    remediationSteps:
        "Remove the key from `userData` / `userDataBase64` / `environment.variables`; give the instance an instance profile or the " +
        "function a role, and read other secrets from Secrets Manager at run time. Deactivate the exposed key.",
    resourceTypes: [EC2_INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, LAMBDA_FUNCTION],
    noVerdict: [
        {
            when: "user data or an environment value is unknown at preview",
            why: "a computed value cannot hold a literal key written in the program; the policy runs again at the update",
        },
    ],
    validate: (ctx) => {
        const fix = ctx.type === LAMBDA_FUNCTION ? "function's role" : "instance profile";
        // Text of the wrong type is malformed (it used to be skipped); computed text cannot hold a
        // literal key written in the program, so unknown is quiet.
        const judge = (text: Checked<string>, path: string) => {
            const found = text.ok && text.value !== undefined ? findSecret(text.value) : undefined;
            if (found) {
                ctx.violation(`${ctx.label} has ${found} in ${path}; remove it and use the ${fix} (and Secrets Manager for other secrets).`);
            }
        };
        if (ctx.type === LAMBDA_FUNCTION) {
            const vars = ctx.readObject("environment.variables", { quiet: true });
            if (vars.ok && vars.value !== undefined) {
                for (const [k, v] of Object.entries(vars.value)) {
                    const path = `environment.variables.${k}`;
                    judge(ctx.check(v, STRING, path, { quiet: true }), path);
                }
            }
            return;
        }
        for (const field of ["userData", "userDataBase64"]) {
            judge(ctx.readString(field, { quiet: true }), field);
        }
    },
});
