// ESLint flat config: typescript-eslint's recommended rules everywhere, plus Pulumi's own plugin on
// the Pulumi programs. Its rules (an Output inside a template literal) need type information, so
// typed linting is scoped to infra/ and delivery/ to keep `npm test` fast.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    { ignores: ["node_modules/**", "policies/bin/**", "out/**", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        files: ["infra/**/*.ts", "delivery/**/*.ts"],
        // One program for both folders, from the root tsconfig (their own tsconfig.json files, which
        // the Pulumi CLI reads, would each make typescript-eslint build another program).
        languageOptions: { parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
);
