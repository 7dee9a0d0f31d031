// apigateway-cache-encrypted: a REST API method cache that is on is encrypted. Cached responses
// hold whatever the API returned, at rest in API Gateway's cache cluster (SC-28; KICS "API Gateway
// Method Settings Cache Not Encrypted", cdk-nag APIGWCacheEnabledAndEncrypted for the encryption
// half). Turning caching on is not required.

import {
    requireTrue,
    resourcePolicy,
    REST_METHOD_SETTINGS,
} from "../../lib";

export const apigatewayCacheEncrypted = resourcePolicy({
    name: "apigateway-cache-encrypted",
    description:
        "API Gateway method settings that turn response caching on (`settings.cachingEnabled: true`) must encrypt the cache " +
        "(`settings.cacheDataEncrypted: true`): cached responses hold whatever the API returned, at rest in the stage's cache " +
        "cluster (SC-28). Caching itself is not required.",
    summary: "API Gateway method caches that are on are encrypted (cacheDataEncrypted)",
    severity: "medium",
    controls: ["SC-28"],
    remediationSteps: "Set `settings.cacheDataEncrypted: true` next to `settings.cachingEnabled: true` in the aws.apigateway.MethodSettings.",
    resourceTypes: [REST_METHOD_SETTINGS],
    noVerdict: [
        {
            when: "caching is off for the method settings",
            why: "nothing is cached, so nothing is stored at rest; turning caching on is not required",
        },
    ],
    validate: (ctx) => {
        // Both flags typed: a value that is not a boolean is a mandatory "Cannot evaluate", never "caching off".
        const caching = ctx.readBoolean("settings.cachingEnabled");
        if (!caching.ok || caching.value !== true) {
            return;
        }
        requireTrue(ctx, "settings.cacheDataEncrypted", `API Gateway method settings "${ctx.name}" cache responses unencrypted; set settings.cacheDataEncrypted: true.`);
    },
});
