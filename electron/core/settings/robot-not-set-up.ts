import { RobotUnavailable } from '../robot/unavailable';

/**
 * Why a core without a cloud runs no robot: it needs the cloud's leases before it touches a cart.
 * The robot screen says it from its catalogs (reasons.robotCloudNotSetUp).
 */
export const robotCloudNotSetUp = new RobotUnavailable(
  'クラウドがまだ設定されていません。設定画面でクラウドのアドレスとトークンを入力すると、ロボットを使えるようになります',
  { key: 'robotCloudNotSetUp', params: [] },
);
