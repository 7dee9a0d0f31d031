// apigateway-cache-encrypted: a REST API method cache that is on is encrypted. Cached responses
// hold whatever the API returned, at rest in API Gateway's cache cluster (SC-28; KICS "API Gateway
// Method Settings Cache Not Encrypted", cdk-nag APIGWCacheEnabledAndEncrypted for the encryption
// half). Turning caching on is not required.

import { resourcePolicy } from "../../lib";
import { REST_METHOD_SETTINGS } from "./types";

export const apigatewayCacheEncrypted = resourcePolicy({
    name: "apigateway-cache-encrypted",
    description:
        "API Gateway method settings that turn response caching on (`settings.cachingEnabled: true`) must encrypt the cache " +
        "(`settings.cacheDataEncrypted: true`): cached responses hold whatever the API returned, at rest in the stage's cache " +
        "cluster (SC-28). Caching itself is not required.",
    summary: "API Gateway method caches that are on are encrypted (cacheDataEncrypted)",
    severity: "medium",
    controls: ["SC-28"],
    anchors: [
        "NIST.800.53.R5-APIGWCacheEnabledAndEncrypted",
        "apigateway-method-cached-and-encrypted",
        "b7c9a40c-23e4-4a2d-8d39-a3352f10f288", // KICS: API Gateway Method Settings Cache Not Encrypted
    ],
    remediationSteps: "Set `settings.cacheDataEncrypted: true` next to `settings.cachingEnabled: true` in the aws.apigateway.MethodSettings.",
    resourceTypes: [REST_METHOD_SETTINGS],
    validate: (ctx) => {
        const caching = ctx.read("settings.cachingEnabled");
        if (!caching.known) {
            return ctx.cannotVerify("settings.cachingEnabled");
        }
        if (caching.value !== true && caching.value !== "true") {
            return;
        }
        const encrypted = ctx.read("settings.cacheDataEncrypted");
        if (!encrypted.known) {
            return ctx.cannotVerify("settings.cacheDataEncrypted");
        }
        if (encrypted.value !== true && encrypted.value !== "true") {
            ctx.violation(`API Gateway method settings "${ctx.name}" cache responses unencrypted; set settings.cacheDataEncrypted: true.`);
        }
    },
});
