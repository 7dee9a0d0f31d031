import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as YAML from "yaml";

import { parseSettings } from "../../delivery/settings";
import { iamArn, previewRoleName, DELIVERY_IAM_PATH } from "../../delivery/trust";
import { listStacks, PROJECT_ROOT, readStackConfig } from "../../tools/lib/stack-config";
import { committedSettings } from "../delivery/harness";

/**
 * The ESC environments in environments/: short-lived credentials by OIDC only (IA-2, IA-5), in the
 * GovCloud partition, consistent with the stack files that import them and with the roles the
 * delivery program creates.
 */

/** Every stack file's stack (`npm run new-stack` adds one with its environment). */
const STACKS = listStacks();
const ALLOWED_REGIONS = ["us-gov-west-1", "us-gov-east-1"];
const ENV_DIR = path.join(PROJECT_ROOT, "environments");

interface EscOidc {
    roleArn: string;
    sessionName: string;
    duration: string;
    subjectAttributes?: string[];
}

function raw(stack: string): string {
    return fs.readFileSync(path.join(ENV_DIR, `${stack}.yaml`), "utf8");
}

function parsed(stack: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form ESC document
    return YAML.parse(raw(stack));
}

function login(stack: string): Record<string, unknown> {
    return parsed(stack).values?.aws?.login?.["fn::open::aws-login"] ?? {};
}

/** Every [key path, string value] pair of a YAML tree. */
function leaves(node: unknown, at: string[] = []): Array<[string[], string]> {
    if (typeof node === "string") {
        return [[at, node]];
    }
    if (Array.isArray(node)) {
        return node.flatMap((v, i) => leaves(v, [...at, String(i)]));
    }
    if (node !== null && typeof node === "object") {
        return Object.entries(node).flatMap(([k, v]) => leaves(v, [...at, k]));
    }
    return [];
}

const SECRET_KEY = /secret|password|passwd|token|private|credential|access.?key/i;
const INTERPOLATION = /^\$\{[A-Za-z0-9_.[\]"-]+\}$/;

describe("ESC environments (environments/*.yaml)", () => {
    it("has exactly one environment per stack file", () => {
        const files = fs.readdirSync(ENV_DIR).filter((f) => f.endsWith(".yaml")).sort();
        assert.deepStrictEqual(files, STACKS.map((s) => `${s}.yaml`).sort());
    });

    for (const stack of STACKS) {
        describe(stack, () => {
            it("logs in to AWS by OIDC only, never with static credentials", () => {
                const l = login(stack);
                assert.deepStrictEqual(Object.keys(l), ["oidc"], "aws-login must use oidc, not static");
            });

            it("assumes a role in the aws-us-gov partition for a one-hour session at most", () => {
                const oidc = login(stack).oidc as EscOidc;
                assert.match(oidc.roleArn, /^arn:aws-us-gov:iam::\d{12}:role\/[\w+=,.@/-]+$/);
                assert.match(oidc.sessionName, /^[\w+=,.@-]{2,64}$/);
                // AWS caps a web-identity session at the role's MaxSessionDuration (1 h here).
                assert.match(oidc.duration, /^(1h|[1-5][0-9]m)$/);
            });

            it("keys the trust on the environment's own name", () => {
                assert.deepStrictEqual((login(stack).oidc as EscOidc).subjectAttributes, ["currentEnvironment.name"]);
            });

            it("assumes exactly the read-only preview role the delivery program creates for this stack", () => {
                const settings = parseSettings(committedSettings());
                const target = settings.targets.find((t) => t.name === stack);
                assert.ok(target, `delivery settings list ${stack}`);
                const expected = iamArn(settings, target.accountId, `role${DELIVERY_IAM_PATH}${previewRoleName(stack)}`);
                assert.strictEqual((login(stack).oidc as EscOidc).roleArn, expected);
            });

            it("exports the login's short-lived credentials and a GovCloud region as environment variables", () => {
                const vars = parsed(stack).values.environmentVariables as Record<string, string>;
                assert.strictEqual(vars.AWS_ACCESS_KEY_ID, "${aws.login.accessKeyId}");
                assert.strictEqual(vars.AWS_SECRET_ACCESS_KEY, "${aws.login.secretAccessKey}");
                assert.strictEqual(vars.AWS_SESSION_TOKEN, "${aws.login.sessionToken}");
                assert.ok(ALLOWED_REGIONS.includes(parsed(stack).values.aws.region), "values.aws.region");
                assert.strictEqual(vars.AWS_REGION, "${aws.region}");
            });

            it("holds no access key id and no literal secret anywhere", () => {
                assert.doesNotMatch(raw(stack), /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id");
                // The variable may exist, but only as a reference to the login's output.
                assert.doesNotMatch(raw(stack), /aws_secret_access_key\s*[:=]\s*(?!\$\{aws\.login\.)\S/i);
                for (const [at, value] of leaves(parsed(stack))) {
                    const key = at[at.length - 1];
                    const underSecret = at.includes("fn::secret") && at.includes("ciphertext");
                    const underSecretsManager = at.some((k) => k === "fn::open::aws-secrets");
                    if (SECRET_KEY.test(key) && !underSecret && !underSecretsManager) {
                        assert.match(value, INTERPOLATION, `${at.join(".")} must reference a login or secret, not hold a value`);
                    }
                    if (at.includes("fn::secret")) {
                        assert.ok(at.includes("ciphertext"), `${at.join(".")}: fn::secret must be stored as ciphertext`);
                    }
                }
            });

            it("is imported by Pulumi.<stack>.yaml and agrees with it on region and account", () => {
                const config = readStackConfig(stack);
                assert.ok(config.environments.includes(`govstack/${stack}`), `Pulumi.${stack}.yaml imports govstack/${stack}`);
                const values = parsed(stack).values;
                assert.strictEqual(values.aws.region, config.values["aws:region"]);
                assert.strictEqual(values.pulumiConfig["aws:region"], config.values["aws:region"]);
                const account = /^arn:aws-us-gov:iam::(\d{12}):/.exec((login(stack).oidc as EscOidc).roleArn)?.[1];
                assert.deepStrictEqual(config.values["aws:allowedAccountIds"], [account]);
            });

            it("puts in pulumiConfig only what the stack file does not own differently", () => {
                const config = readStackConfig(stack);
                const own = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, unknown>;
                for (const [key, value] of Object.entries(parsed(stack).values.pulumiConfig as Record<string, unknown>)) {
                    if (key in own) {
                        assert.deepStrictEqual(value, own[key], `${key} differs between environments/${stack}.yaml and Pulumi.${stack}.yaml`);
                    }
                    assert.ok(!/^\$\{/.test(String(value)), `${key}: a literal, so the offline plan sees what ESC would`);
                }
                assert.ok(Object.keys(config.values).length > 0);
            });
        });
    }
});
