// Lint configuration: typescript-eslint's strict, type-aware rules, because
// `npm test` is the project's one strict gate.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['lib/', 'dist/', 'node_modules/', '.cache/', 'coverage/', 'tests/fixtures/', 'test-results/']},
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {projectService: {allowDefaultProject: ['*.js', 'bin/*.js', '.ci/*.js']}, tsconfigRootDir: import.meta.dirname}
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}],
      '@typescript-eslint/no-unnecessary-condition': 'off'
    }
  },
  // Tests may assert presence with `!`: a wrong guess fails the test, which is the point.
  {files: ['tests/**/*.ts'], rules: {'@typescript-eslint/no-non-null-assertion': 'off'}},
  {files: ['**/*.js'], ...tseslint.configs.disableTypeChecked},
  {files: ['bin/*.js', '.ci/*.js'], languageOptions: {globals: {process: 'readonly', console: 'readonly'}}},
  // Scripts the built site loads in the browser, as they are (no build step).
  {
    files: ['public/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'history', 'URL', 'URLSearchParams', 'FormData', 'DOMParser', 'Element', 'HTMLLIElement', 'Option', 'Node', 'clearTimeout', 'fetch']
          .map((name) => [name, 'readonly'])
      )
    }
  }
)
