// ecs-container-non-root: without `user` a container runs as the image's user, root by default,
// so a compromise of the process is a compromise of root in the container (AC-6, AC-6(10), CM-7).

import { ECS_TASK_DEFINITION, resourcePolicy, STRING_OR_NUMBER } from "../../lib";
import { containerRead, containersOf, what } from "./container-definitions";

/**
 * The user part of `user` ("user", "user:group", "uid:gid") names root: "root", or a numeric uid 0
 * however written — runc parses the uid with strconv.Atoi, so "00", "+0" and "-0" are uid 0.
 */
function isRootUser(userPart: string): boolean {
    const u = userPart.trim().toLowerCase();
    return u === "root" || /^[+-]?0+$/.test(u);
}

export const ecsContainerNonRoot = resourcePolicy({
    name: "ecs-container-non-root",
    description:
        "ECS containers must run as a non-root user: without `user` a container runs as the image's user, root by default, " +
        "so a compromise of the process is a compromise of root in the container (AC-6).",
    summary: "ECS containers run as a non-root user (`user` set to a non-root UID, never root, 0 or only a group)",
    severity: "high",
    controls: ["AC-6", "AC-6(10)", "CM-7"],
    remediationSteps:
        'Set `user` in each container definition to a numeric non-root UID (e.g. "1001", or "1001:1001") that the image ' +
        "owns its files as; never root, 0 or 0:<gid>.",
    resourceTypes: [ECS_TASK_DEFINITION],
    noVerdict: [],
    validate: (ctx) => {
        for (const c of containersOf(ctx, "the container user") ?? []) {
            // A string ("1001", "app:app"); a bare number is read as the uid it writes.
            const user = containerRead(ctx, c, "user", STRING_OR_NUMBER);
            if (!user.ok) {
                continue;
            }
            if (user.value === undefined || user.value === "") {
                ctx.violation(`${what(ctx, c)} has no user, so it runs as the image's user (root by default); set user to a non-root UID such as "1001".`);
            } else {
                const text = typeof user.value === "number" ? user.value.toString() : user.value;
                const userPart = text.split(":")[0];
                if (userPart.trim() === "") {
                    // ":1001" sets only the group: the process keeps the image's user (runc: empty user = default).
                    ctx.violation(
                        `${what(ctx, c)} sets only a group (user "${user.value}"), so it runs as the image's user (root by default); set user to a non-root UID such as "1001".`,
                    );
                } else if (isRootUser(userPart)) {
                    ctx.violation(`${what(ctx, c)} runs as user "${user.value}" (root); set user to a non-root UID such as "1001".`);
                }
            }
        }
    },
});
