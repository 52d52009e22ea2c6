// A compile worker: compiles the briefs it is sent (parse, validate, render
// fragments), in its own thread, and posts back plain results. Started by
// pool.ts; never touches the disk (the text arrives in the message).
import {parentPort} from 'node:worker_threads'
import {compileBrief} from './compile.js'
import {renderFragments} from '../render/fragments.js'
import type {CompileJob, CompileReply} from './pool.js'

parentPort?.on('message', (job: CompileJob) => {
  const reply: CompileReply = {id: job.id, results: job.files.map((file) => compileBrief(file, job.site, job.render ? renderFragments : undefined))}
  parentPort?.postMessage(reply)
})
