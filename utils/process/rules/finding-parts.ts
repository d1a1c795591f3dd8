/** What rules share to build their findings: the parts every finding of one place has. */
import { subjectOf } from '../../github/snapshot';
import type { Finding } from '../findings';
import { cardUrl } from '../links';
import type { AnyRule } from './types';

/** A finding about a whole board (at its name), quoting the rule's sentence. */
export function boardFinding(
  rule: AnyRule,
  board: { shortLink: string },
  rest: Omit<Finding, 'rule' | 'subject' | 'anchor' | 'sentence'>,
): Finding {
  return {
    ...rest,
    rule: rule.id,
    subject: board.shortLink,
    anchor: { kind: 'board', board: board.shortLink },
    sentence: rule.sentence,
  };
}

/** A finding about a pull request or issue, at its page's header, quoting the rule's sentence. */
export function headerFinding(
  rule: AnyRule,
  item: { owner: string; repo: string; number: number },
  rest: Omit<Finding, 'rule' | 'subject' | 'anchor' | 'sentence'>,
): Finding {
  return {
    ...rest,
    rule: rule.id,
    subject: subjectOf(item),
    anchor: { kind: 'header' },
    sentence: rule.sentence,
  };
}

/** "On Trello card X", with the card's link: a pull request or issue that a card links. */
export function onCardFinding(
  rule: AnyRule,
  item: { owner: string; repo: string; number: number },
  card: string,
  what: 'pull request' | 'issue',
  extra: Pick<Finding, 'action'> = {},
): Finding {
  return headerFinding(rule, item, {
    severity: 'ok',
    title: `On Trello card ${card}`,
    message: `This ${what} is linked to the Trello card:`,
    link: cardUrl(card),
    ...extra,
  });
}
