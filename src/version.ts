// sitrep's version, one definition: `--version` and the User-Agent of
// `sitrep links` (kept in step with package.json by hand, like a release).
export const version = '0.1.0'
