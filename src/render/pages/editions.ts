// render/pages/: each brief's editions for mail, beside its page: the email
// edition (briefs/<slug>/email.html) and the plain-text edition
// (briefs/<slug>/email.txt). Both are rendered from the whole brief when it
// is compiled (render/fragments.ts), so a page here only delivers them; they
// show all of the brief (its key: its text, its images) and the site (in
// every key: baseUrl, title, publisher, regions).
import type {Archive} from '../../link/archive.js'
import {paths} from '../paths.js'
import {whole, type Job, type PageContext} from './job.js'

export function editionJobs(archive: Archive, context: PageContext): Job[] {
  return archive.briefs.flatMap((brief): Job[] => [
    {path: paths.briefEmail(brief.slug), rank: context.rankOf(brief), shows: ['email', whole(brief)], render: () => context.fragments(brief).email()},
    {path: paths.briefText(brief.slug), rank: context.rankOf(brief), shows: ['email-text', whole(brief)], render: () => context.fragments(brief).text()}
  ])
}
