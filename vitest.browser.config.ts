// The browser suite (npm run test:browser): end-to-end tests in Debian's
// Chromium through playwright-core, against the sample archive built once
// and served on loopback by tests/browser/global-setup.ts. Skipped, saying
// why, when Chromium is missing; `npm test` never runs it.
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
})
