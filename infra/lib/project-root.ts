import * as path from "path";

/**
 * The project root: the directory of Pulumi.yaml, which relative paths in the settings (the image
 * build context) are resolved against, as docs/settings.md says. Not the working directory: under the
 * Pulumi CLI the program runs in its own directory (infra/, from Pulumi.yaml's `main`); and not
 * pulumi.runtime.getRootDirectory(), which is the placeholder "rootDirectory" under mocks. This file
 * is infra/lib/.
 */
export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
