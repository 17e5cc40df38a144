package authn

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/gatehouse/gatehouse/internal/idp"
)

var phc = regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestArgon2idHash(t *testing.T) {
	h := hashArgon2id("pässword")
	if !phc.MatchString(h) {
		t.Fatalf("hash %q is not the expected PHC string", h)
	}
	if h == hashArgon2id("pässword") {
		t.Fatal("two hashes of one password are equal: no salt?")
	}
	for pw, want := range map[string]bool{"pässword": true, "password": false, "": false} {
		if ok, err := verifyHash(h, pw); ok != want || err != nil {
			t.Errorf("verify %q = %v, %v", pw, ok, err)
		}
	}
	if needsRehash(h) {
		t.Error("a current hash needs a rehash")
	}
}

func TestBcryptHashes(t *testing.T) {
	raw, err := bcrypt.GenerateFromPassword([]byte("imported"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, prefix := range []string{"$2a$", "$2b$", "$2y$"} {
		h := prefix + string(raw[4:])
		ok, err := verifyHash(h, "imported")
		bad, _ := verifyHash(h, "imported!")
		if !ok || err != nil || bad || !needsRehash(h) {
			t.Errorf("%s: ok %v err %v wrong accepted %v", prefix, ok, err, bad)
		}
	}
}

// TestBcryptLongPassword: bcrypt reads 72 bytes, like the systems that
// made imported hashes; a longer password is no error.
func TestBcryptLongPassword(t *testing.T) {
	pw := strings.Repeat("p", 72)
	raw, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := verifyHash(string(raw), pw+"-and-more"); !ok || err != nil {
		t.Fatalf("verify = %v, %v", ok, err)
	}
}

func TestMalformedHashes(t *testing.T) {
	bad := []string{
		"", "plaintext", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=19456,t=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", // 4 GiB
		"$argon2id$v=19$m=19456,t=1000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=19456,t=2,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA",
		"$2b$31$" + strings.Repeat("a", 53), // cost 31: hours
	}
	for _, h := range bad {
		if ok, err := verifyHash(h, "x"); ok || err == nil {
			t.Errorf("verify(%q) = %v, %v; want an error", h, ok, err)
		}
	}
}

// TestBcryptLoginRehashes: an imported bcrypt user logs in and leaves
// with an argon2id hash.
func TestBcryptLoginRehashes(t *testing.T) {
	e := newEnv(t)
	raw, _ := bcrypt.GenerateFromPassword([]byte("imported-secret"), bcrypt.MinCost)
	u := idp.User{ID: idp.NewUserID(), Connection: e.conn.Name, Email: "old@example.com",
		PasswordHash: "$2y$" + string(raw[4:]), CreatedAt: e.clock(), UpdatedAt: e.clock()}
	if err := e.store.CreateUser(e.ctx, u); err != nil {
		t.Fatal(err)
	}
	_, err := e.login("old@example.com", "wrong", "192.0.2.1")
	wantCode(t, err, idp.EUnauthorized)
	if _, err := e.login("old@example.com", "imported-secret", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	stored, _ := e.store.GetUser(e.ctx, u.ID)
	if !phc.MatchString(stored.PasswordHash) {
		t.Fatalf("hash after login %q", stored.PasswordHash)
	}
	if _, err := e.login("old@example.com", "imported-secret", "192.0.2.1"); err != nil {
		t.Fatalf("login after rehash: %v", err)
	}
}

// TestOverloadRefusesFast: with every slot taken, a caller is refused with
// EUnavailable after the short wait instead of queueing.
func TestOverloadRefusesFast(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.HashConcurrency = 1; o.HashWait = 50 * time.Millisecond })
	e.addUser("ana@example.com")
	if err := e.svc.pool.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := e.login("ana@example.com", testPassword, "192.0.2.1")
	wantCode(t, err, idp.EUnavailable)
	_, err = e.svc.HashPassword(e.ctx, "x")
	wantCode(t, err, idp.EUnavailable)
	_, err = e.login("nobody@example.com", testPassword, "192.0.2.1")
	wantCode(t, err, idp.EUnavailable)
	if elapsed := time.Since(start); elapsed > 500*time.Millisecond {
		t.Errorf("three refusals took %v", elapsed)
	}
	e.svc.pool.release()
	if _, err := e.login("ana@example.com", testPassword, "192.0.2.1"); err != nil {
		t.Fatalf("after release: %v", err)
	}
}

func TestWaitingCallerGetsFreedSlot(t *testing.T) {
	p := newHashPool(1, time.Second, 0)
	p.acquire(context.Background())
	time.AfterFunc(20*time.Millisecond, p.release)
	if _, err := p.hash(context.Background(), "x"); err != nil {
		t.Fatalf("hash after a short wait: %v", err)
	}
}

// TestFullQueueRefusesAtOnce: past the queue bound a caller is refused
// without waiting, however long the wait allowed is.
func TestFullQueueRefusesAtOnce(t *testing.T) {
	p := newHashPool(1, time.Minute, 1)
	p.acquire(context.Background())
	waiter := make(chan error)
	go func() { waiter <- p.acquire(context.Background()) }()
	for p.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	err := p.acquire(context.Background())
	wantCode(t, err, idp.EUnavailable)
	if elapsed := time.Since(start); elapsed > 100*time.Millisecond {
		t.Errorf("refusal with a full queue took %v", elapsed)
	}
	p.release()
	if err := <-waiter; err != nil {
		t.Fatalf("the queued caller: %v", err)
	}
}

func BenchmarkHashArgon2id(b *testing.B) {
	for b.Loop() {
		hashArgon2id("Correct-Horse-1")
	}
}

// BenchmarkVerify is the ceiling of the password grant: with GOMAXPROCS
// slots, logins per second ≈ GOMAXPROCS / (ns/op).
func BenchmarkVerify(b *testing.B) {
	h := hashArgon2id("Correct-Horse-1")
	p := newHashPool(0, 0, 0)
	ctx := context.Background()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if ok, err := p.verify(ctx, h, "Correct-Horse-1"); !ok || err != nil {
				b.Errorf("verify: %v %v", ok, err)
			}
		}
	})
}
