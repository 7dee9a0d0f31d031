import { runOrExplain } from "../infra/lib/run-or-explain";
import { buildDelivery } from "./program";
import { REPO_ROOT } from "./repo-files";
import { loadSettings } from "./settings";

// Entry point of the govstack-delivery project (delivery/Pulumi.yaml). Run by an administrator of
// the Pulumi organisation with bootstrap credentials for each GovCloud account (see
// docs/runbooks/deploy.md, "First time"); everything after that is delivered by Pulumi Deployments.
const outputs = runOrExplain(() => buildDelivery(loadSettings(), REPO_ROOT));

export const deployRoles = outputs.deployRoles;
export const previewRoles = outputs.previewRoles;
export const policyPack = outputs.policyPack;
