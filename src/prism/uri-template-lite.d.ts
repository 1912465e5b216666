// uri-template-lite (Prism's dependency) ships no types: the one part the mock touches.
declare module "uri-template-lite" {
  export const URI: { Template: new (template: string) => unknown };
}
