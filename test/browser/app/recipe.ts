// The README's browser recipe ("Mocking in the browser"), as the Chromium tests load it.
import { setupWorker } from "msw/browser";
import { handlers } from "confident-org-api-keys/msw";

export const worker = setupWorker(...handlers);
