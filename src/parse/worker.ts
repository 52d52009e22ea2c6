// A parse worker: parses and validates the briefs it is sent, in its own
// thread, and posts back plain results (structured-cloned). Started by
// parse/pool.ts; never touches the disk (the text arrives in the message).
import {parentPort} from 'node:worker_threads'
import {parseBrief} from '../pipeline.js'
import type {ParseJob, ParseReply} from './pool.js'

parentPort?.on('message', (job: ParseJob) => {
  const reply: ParseReply = {id: job.id, results: job.files.map((file) => parseBrief(file, {regions: job.regions}))}
  parentPort?.postMessage(reply)
})
