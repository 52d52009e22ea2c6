import {describe, expect, it} from 'vitest'
import {parsePeople} from '../../src/import/people.js'

describe('parsePeople', () => {
  it('gives every name of "A, B, and C of the X" the organisation, without its article', () => {
    expect(parsePeople('Jane Example, Wei Sample, and Kenji Dummy of the Example Institute for Strategic Studies')).toEqual({
      people: [
        {name: 'Jane Example', org: 'Example Institute for Strategic Studies'},
        {name: 'Wei Sample', org: 'Example Institute for Strategic Studies'},
        {name: 'Kenji Dummy', org: 'Example Institute for Strategic Studies'}
      ],
      problems: []
    })
  })

  it('reads "A and B of X" with initials', () => {
    expect(parsePeople('Robert Placeholder and Ana W. Testcase of the Another Example Foundation').people).toEqual([
      {name: 'Robert Placeholder', org: 'Another Example Foundation'},
      {name: 'Ana W. Testcase', org: 'Another Example Foundation'}
    ])
  })

  it('splits several organisations on one line, even when an organisation holds "and" or "of"', () => {
    expect(parsePeople('Jane Example of the University of Oxford and John Roe of Brookings').people).toEqual([
      {name: 'Jane Example', org: 'University of Oxford'},
      {name: 'John Roe', org: 'Brookings'}
    ])
    expect(
      parsePeople('Jane Example of the Center for Strategic and International Studies, Wei Sample and Kenji Dummy of the Example Foundation').people
    ).toEqual([
      {name: 'Jane Example', org: 'Center for Strategic and International Studies'},
      {name: 'Wei Sample', org: 'Example Foundation'},
      {name: 'Kenji Dummy', org: 'Example Foundation'}
    ])
    expect(parsePeople('Jane Example of X Institute; John Roe of Y Council.').people).toEqual([
      {name: 'Jane Example', org: 'X Institute'},
      {name: 'John Roe', org: 'Y Council'}
    ])
  })

  it('reads organisations in parentheses, and keeps suffixes and particles on the name', () => {
    expect(parsePeople('Maria Testperson (Example Institute), John Roe, Jr. (The Heritage Example), and Anna von der Probe (Other Institute)').people).toEqual([
      {name: 'Maria Testperson', org: 'Example Institute'},
      {name: 'John Roe, Jr.', org: 'The Heritage Example'},
      {name: 'Anna von der Probe', org: 'Other Institute'}
    ])
    expect(parsePeople('Jane Example (University of Oxford) and John Roe (Center for Strategic and International Studies)').people).toEqual([
      {name: 'Jane Example', org: 'University of Oxford'},
      {name: 'John Roe', org: 'Center for Strategic and International Studies'}
    ])
  })

  it('reports names without an organisation and text that is not names', () => {
    expect(parsePeople('Robert Placeholder and Jane Example')).toEqual({
      people: [{name: 'Robert Placeholder'}, {name: 'Jane Example'}],
      problems: [
        {text: 'Robert Placeholder', problem: 'no-org'},
        {text: 'Jane Example', problem: 'no-org'}
      ]
    })
    expect(parsePeople('the research team of the Example Institute').problems).toEqual([{text: 'the research team', problem: 'no-names'}])
  })
})
