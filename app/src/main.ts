import { createAppServer } from "./server";

/** Port from PORT (default 8080: unprivileged, so the container needs no capabilities as uid 1001). */
function port(): number {
    const raw = process.env.PORT ?? "8080";
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1024 || value > 65535) {
        throw new Error(`Invalid PORT "${raw}": use an unprivileged port between 1024 and 65535`);
    }
    return value;
}

const app = createAppServer({
    name: process.env.SERVICE_NAME ?? "govstack-app",
    version: process.env.SERVICE_VERSION ?? "0.0.0",
});

app.server.listen(port(), () => {
    // One JSON line per event: the awslogs driver ships stdout to the KMS-encrypted log group (AU-2).
    console.log(JSON.stringify({ level: "info", event: "listening", port: port() }));
});

// ECS sends SIGTERM, waits stopTimeout, then SIGKILL: drain within that window.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
        console.log(JSON.stringify({ level: "info", event: "shutdown", signal }));
        app.shutdown(Number(process.env.SHUTDOWN_GRACE_MS ?? 20_000)).then(
            () => process.exit(0),
            (err: unknown) => {
                console.error(JSON.stringify({ level: "error", event: "shutdown-failed", error: String(err) }));
                process.exit(1);
            },
        );
    });
}
