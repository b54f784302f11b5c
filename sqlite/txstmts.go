package sqlite

import (
	"context"
	"database/sql"
)

// txStmts prepares each statement of a transaction once, however many articles the
// transaction stores: the driver parses a statement on every unprepared ExecContext, which
// cost ingest a tenth of its time. The statements close with the transaction.
type txStmts struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

func newTxStmts(tx *sql.Tx) *txStmts { return &txStmts{tx: tx, m: map[string]*sql.Stmt{}} }

// stmt returns the transaction's statement for query, preparing it the first time.
func (c *txStmts) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.m[query] = st
	return st, nil
}

// exec runs query with args through its prepared statement.
func (c *txStmts) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// scan runs query with args through its prepared statement and scans its first row into dest
// (sql.ErrNoRows when there is none).
func (c *txStmts) scan(ctx context.Context, query string, args []any, dest ...any) error {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}
