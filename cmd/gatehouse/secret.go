package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// masterSecret returns the key material that encrypts signing keys at rest
// and keys client-secret hashes: GATEHOUSE_SECRET if set, else a file in
// the data directory, generated 0600 on first use with a warning (a
// database stolen with that file is no longer protected).
func masterSecret(dataDir string, log *slog.Logger) ([]byte, error) {
	if s := os.Getenv("GATEHOUSE_SECRET"); s != "" {
		if len(s) < 32 {
			return nil, errors.New("GATEHOUSE_SECRET must be at least 32 characters")
		}
		return []byte(s), nil
	}
	path := filepath.Join(dataDir, "secret")
	b, err := os.ReadFile(path)
	if err == nil {
		return []byte(strings.TrimSpace(string(b))), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	log.Warn("GATEHOUSE_SECRET is not set; generated a master secret file: keep it out of backups of the database", "file", path)
	key := make([]byte, 32)
	rand.Read(key)
	s := hex.EncodeToString(key)
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("writing master secret: %w", err)
	}
	return []byte(s), nil
}
