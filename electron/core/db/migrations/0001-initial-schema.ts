import type { Migration } from '../migrate';

/**
 * Schema v1. Server state (written only by the pull side of sync) and local intent (outbox,
 * robot journal, sync bookkeeping) live in separate tables and are never mixed.
 * Ids of server rows are the cloud's ids. Times are ISO-8601 UTC strings.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial-schema',
  up(db) {
    db.exec(`
      -- server state ---------------------------------------------------------------
      CREATE TABLE members (
        id            INTEGER PRIMARY KEY,
        line_user_id  TEXT NOT NULL UNIQUE,
        display_name  TEXT NOT NULL,
        name          TEXT,
        name_kana     TEXT,
        phone         TEXT,
        email         TEXT,
        operator      TEXT,
        followed_at   TEXT,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX members_phone ON members(phone);
      CREATE INDEX members_email ON members(email COLLATE NOCASE);

      CREATE TABLE cart_customers (
        id               INTEGER PRIMARY KEY,
        member_id        INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        cart             TEXT NOT NULL,
        customer_number  TEXT NOT NULL,
        name             TEXT,
        phone            TEXT,
        email            TEXT,
        updated_at       TEXT NOT NULL,
        UNIQUE (cart, customer_number)
      );
      CREATE INDEX cart_customers_member ON cart_customers(member_id);
      CREATE INDEX cart_customers_number ON cart_customers(customer_number);

      CREATE TABLE products (
        id          INTEGER PRIMARY KEY,
        cart        TEXT NOT NULL,
        code        TEXT NOT NULL,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('single', 'subscription')),
        price       INTEGER NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (cart, code)
      );

      CREATE TABLE subscriptions (
        id                  INTEGER PRIMARY KEY,
        cart_customer_id    INTEGER NOT NULL REFERENCES cart_customers(id) ON DELETE CASCADE,
        product_code        TEXT NOT NULL,
        product_name        TEXT NOT NULL,
        course_name         TEXT,
        status              TEXT NOT NULL CHECK (status IN ('active', 'paused', 'stopped', 'cancelled')),
        continuation_count  INTEGER NOT NULL DEFAULT 0,
        started_at          TEXT NOT NULL,
        next_ship_at        TEXT,
        stopped_at          TEXT,
        updated_at          TEXT NOT NULL
      );
      CREATE INDEX subscriptions_customer ON subscriptions(cart_customer_id);

      -- An order with a parent is a child order: one shipment of a subscription.
      CREATE TABLE orders (
        id                INTEGER PRIMARY KEY,
        cart_customer_id  INTEGER NOT NULL REFERENCES cart_customers(id) ON DELETE CASCADE,
        order_number      TEXT NOT NULL,
        parent_order_id   INTEGER REFERENCES orders(id) ON DELETE CASCADE,
        subscription_id   INTEGER REFERENCES subscriptions(id) ON DELETE SET NULL,
        status            TEXT NOT NULL,
        total             INTEGER NOT NULL,
        ordered_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      );
      CREATE INDEX orders_customer ON orders(cart_customer_id, ordered_at);
      CREATE INDEX orders_parent ON orders(parent_order_id);

      CREATE TABLE order_items (
        order_id      INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        line_no       INTEGER NOT NULL,
        product_code  TEXT NOT NULL,
        product_name  TEXT NOT NULL,
        quantity      INTEGER NOT NULL,
        price         INTEGER NOT NULL,
        PRIMARY KEY (order_id, line_no)
      ) WITHOUT ROWID;
      CREATE INDEX order_items_code ON order_items(product_code);

      CREATE TABLE tags (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        folder      TEXT,
        updated_at  TEXT NOT NULL
      );

      CREATE TABLE member_tags (
        member_id      INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        tag_id         INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        source         TEXT NOT NULL CHECK (source IN ('manual', 'rule', 'robot', 'cloud')),
        source_detail  TEXT,
        set_at         TEXT NOT NULL,
        PRIMARY KEY (member_id, tag_id)
      ) WITHOUT ROWID;
      CREATE INDEX member_tags_tag ON member_tags(tag_id, member_id);

      -- Who added or removed which tag and when, as the cloud and this workstation saw it.
      CREATE TABLE member_tag_history (
        id             INTEGER PRIMARY KEY,
        member_id      INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        tag_id         INTEGER NOT NULL,
        action         TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        source         TEXT NOT NULL CHECK (source IN ('manual', 'rule', 'robot', 'cloud')),
        source_detail  TEXT,
        at             TEXT NOT NULL
      );
      CREATE INDEX member_tag_history_member ON member_tag_history(member_id, at);

      CREATE TABLE crosssell_configs (
        id                          INTEGER PRIMARY KEY,
        name                        TEXT NOT NULL,
        cart                        TEXT NOT NULL,
        cart_login_ref              TEXT,
        product_name                TEXT NOT NULL,
        product_code                TEXT NOT NULL,
        kind                        TEXT NOT NULL CHECK (kind IN ('single', 'subscription')),
        memo_writes                 TEXT NOT NULL DEFAULT '[]',
        tags_add                    TEXT NOT NULL DEFAULT '[]',
        tags_remove                 TEXT NOT NULL DEFAULT '[]',
        message_template            TEXT NOT NULL DEFAULT '',
        stop_running_subscriptions  INTEGER NOT NULL DEFAULT 0,
        updated_at                  TEXT NOT NULL
      );

      CREATE TABLE loc_requests (
        id                   INTEGER PRIMARY KEY,
        member_id            INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        kind                 TEXT NOT NULL CHECK (kind IN ('crosssell', 'upsell', 'cancel')),
        crosssell_config_id  INTEGER REFERENCES crosssell_configs(id) ON DELETE SET NULL,
        status               TEXT NOT NULL,
        completion_status    TEXT,
        note                 TEXT,
        robot_result         TEXT,
        requested_at         TEXT NOT NULL,
        completed_at         TEXT,
        updated_at           TEXT NOT NULL
      );
      CREATE INDEX loc_requests_status ON loc_requests(status, requested_at);
      CREATE INDEX loc_requests_requested ON loc_requests(requested_at);
      CREATE INDEX loc_requests_member ON loc_requests(member_id);

      -- local intent ---------------------------------------------------------------
      CREATE TABLE robot_runs (
        id              INTEGER PRIMARY KEY,
        loc_request_id  INTEGER NOT NULL,
        attempt         INTEGER NOT NULL,
        started_at      TEXT NOT NULL,
        finished_at     TEXT,
        outcome         TEXT CHECK (outcome IN ('done', 'failed_retryable', 'needs_manual')),
        error_kind      TEXT CHECK (error_kind IN ('business', 'application')),
        error_message   TEXT
      );
      CREATE INDEX robot_runs_request ON robot_runs(loc_request_id);

      CREATE TABLE run_steps (
        id               INTEGER PRIMARY KEY,
        run_id           INTEGER NOT NULL REFERENCES robot_runs(id) ON DELETE CASCADE,
        step             TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('started', 'done', 'failed')),
        started_at       TEXT NOT NULL,
        finished_at      TEXT,
        detail           TEXT,
        screenshot_path  TEXT,
        trace_path       TEXT
      );
      CREATE INDEX run_steps_run ON run_steps(run_id);

      -- Operations the cloud must learn about, written in the same transaction as the local change.
      CREATE TABLE outbox (
        seq              INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id            TEXT NOT NULL UNIQUE,
        kind             TEXT NOT NULL,
        payload          TEXT NOT NULL,
        state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        created_at       TEXT NOT NULL,
        last_error       TEXT,
        rejected_reason  TEXT,
        rejected_at      TEXT
      );
      CREATE INDEX outbox_state ON outbox(state, seq);

      CREATE TABLE sync_state (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE quarantined_changes (
        id              INTEGER PRIMARY KEY,
        seq             INTEGER NOT NULL,
        entity          TEXT,
        op              TEXT,
        raw             TEXT NOT NULL,
        reason          TEXT NOT NULL,
        quarantined_at  TEXT NOT NULL
      );
    `);
  },
};
