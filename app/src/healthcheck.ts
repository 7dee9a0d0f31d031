import * as http from "node:http";

// The container's own health probe (Dockerfile HEALTHCHECK and the ECS task health check). Written in
// Node so the final image needs no curl/wget; exits 0 when /health answers 200 within 3 s.
const request = http.get(
    { host: "127.0.0.1", port: Number(process.env.PORT ?? 8080), path: "/health", timeout: 3000 },
    (res) => {
        res.resume();
        process.exit(res.statusCode === 200 ? 0 : 1);
    },
);
request.on("timeout", () => request.destroy(new Error("timeout")));
request.on("error", () => process.exit(1));
