// The EFS volumes of an ECS task definition (`volumes[].efsVolumeConfiguration`), shared by the two
// EFS volume policies. `volumes` is an ordinary list input (not JSON like containerDefinitions).

import type { ResourceContext } from "../../lib";

/** An EFS volume: its index, its configuration object and how messages name it. */
export interface EfsVolume {
    readonly at: string;
    readonly config: unknown;
    readonly label: string;
}

/**
 * The task definition's EFS volumes. An unknown `volumes` list is reported as "cannot verify
 * <what>" and yields undefined; a malformed one is reported by the typed read. Volumes without
 * efsVolumeConfiguration (bind mounts, Docker, FSx) are not EFS and are left out.
 */
export function efsVolumesOf(ctx: ResourceContext<unknown>, what: string): EfsVolume[] | undefined {
    const volumes = ctx.readArray("volumes", { what });
    if (!volumes.ok) {
        return undefined;
    }
    const out: EfsVolume[] = [];
    (volumes.value ?? []).forEach((volume, i) => {
        const at = `volumes[${i}]`;
        const efs = ctx.readObject("efsVolumeConfiguration", { from: volume, at, what });
        if (!efs.ok || efs.value === undefined) {
            return;
        }
        const name = ctx.readString("name", { from: volume, at, quiet: true });
        out.push({ at: `${at}.efsVolumeConfiguration`, config: efs.value, label: `${ctx.label} EFS volume ${name.ok && name.value !== undefined ? `"${name.value}"` : at}` });
    });
    return out;
}
