import type { LineClient, LineMessage } from '../line/client';
import { LineError } from '../line/errors';
import { lineRetryKey } from '../line/retry-key';
import type { RequestRef, StepInfo } from './flow';
import { zonedDateMinute } from '../japan-time';
import { coreReasons } from '../loc/reasons';
import { RobotError } from './robot-error';

/**
 * LINE keeps a retry key for 24 hours. A send whose outcome is unknown (begun, then the robot was
 * killed or the answer lost) may be repeated with the same key only well inside that window; 23
 * hours leaves room for the clocks of the PC and LINE to disagree.
 */
export const RETRY_KEY_TRUSTED_MS = 23 * 3_600_000;

export type SendOutcome = { sent: true; status: 'delivered' | 'already_delivered' } | { sent: false; why: 'sent_in_earlier_attempt' | 'nothing_to_send' };

/**
 * Sends one message of a request at most once, from inside its journaled step: with a retry key
 * derived from the request's uid and the message's purpose (LINE answers a replay with 409), not
 * again when an earlier attempt of the request delivered it, and never when a send of it began
 * more than 23 hours ago without being journaled as done, since LINE may have forgotten the key
 * by now: that goes to a person.
 */
export async function sendOnce(
  line: LineClient | null,
  request: RequestRef,
  info: StepInfo,
  message: { purpose: string; to: string; messages: LineMessage[]; now: Date },
): Promise<SendOutcome> {
  if (message.messages.length === 0) return { sent: false, why: 'nothing_to_send' };
  if (info.earlier.some((e) => e.state === 'done' && e.generation < request.generation && (e.detail as { sent?: boolean } | null)?.sent === true)) {
    return { sent: false, why: 'sent_in_earlier_attempt' };
  }
  const firstUnknown = info.earlier.find((e) => e.state !== 'done');
  if (firstUnknown && message.now.getTime() - new Date(firstUnknown.startedAt).getTime() >= RETRY_KEY_TRUSTED_MS) {
    const startedAt = zonedDateMinute(firstUnknown.startedAt, 'Asia/Tokyo');
    throw new RobotError(
      'business',
      `送信済みの可能性があります: LINE メッセージの送信を ${startedAt}（日本時間）に始めたまま結果がわかりません。LINE の重複防止が効く24時間を過ぎるため、再送していません。トークで届いているか確かめて、手動で対応してください`,
      { reason: coreReasons.lineSendUnknown(startedAt) },
    );
  }
  if (!line) throw new RobotError('business', 'LINE のチャネルアクセストークンが設定されていないため、メッセージを送れません', { reason: { key: 'lineTokenMissingForMessage', params: [] } });
  try {
    const result = await line.push(message.to, message.messages, lineRetryKey(request.uid, message.purpose));
    return { sent: true, status: result.status };
  } catch (error) {
    if (error instanceof LineError && error.kind === 'permanent') {
      throw new RobotError('business', `LINE のメッセージを送れませんでした（${error.message}）。手動で連絡してください`, { cause: error, reason: { key: 'lineMessageRefused', params: [error.message] } });
    }
    throw error;
  }
}
