package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns the value of a setting, "" when it is not set.
func (s *Store) Setting(ctx context.Context, name string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite.Setting(%q): %w", name, err)
	}
	return v, nil
}

// SetSetting sets a setting; an empty value removes it.
func (s *Store) SetSetting(ctx context.Context, name, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if value == "" {
		_, err = s.db.ExecContext(ctx, `DELETE FROM settings WHERE name = ?`, name)
	} else {
		_, err = s.db.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`, name, value)
	}
	if err != nil {
		return fmt.Errorf("sqlite.SetSetting(%q): %w", name, err)
	}
	return nil
}
