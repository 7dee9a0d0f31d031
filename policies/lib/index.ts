// The policy-writing toolkit: import from "../lib" in rule files.
export * from "./action-patterns";
export * from "./conditions";
export * from "./config";
export * from "./glob";
export * from "./json";
export * from "./network";
export * from "./nouns";
export * from "./pack-config";
export * from "./policy";
export * from "./providers";
export * from "./require";
export * from "./resource-types";
export * from "./statements";
export * from "./tags";
export * from "./unknowns";
export * from "./waivers";
