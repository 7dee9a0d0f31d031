// Provider resources as the rules see them. The engine analyzes provider resources (explicit and
// default providers) like any other resource, so a rule can judge a provider's settings (region,
// FIPS endpoints) once, or read its region for the resources that use it.

/** The type token of an AWS provider resource (explicit `aws.Provider` or the stack's default provider). */
export const AWS_PROVIDER = "pulumi:providers:aws";
