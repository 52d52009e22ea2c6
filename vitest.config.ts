// Test runner settings: tests mirror src/ under tests/; browser tests are
// a separate suite (npm run test:browser).
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 20000
  }
})
