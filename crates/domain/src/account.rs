//! Accounts: what a valid e-mail address and password are. Hashing and
//! storage live elsewhere; these rules are shared by the sign-up of staff on
//! the command line, the administrator's pages and the API.

/// Why an account field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountProblem {
    #[error("the e-mail address is not valid")]
    BadEmail,
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("the password is too long")]
    PasswordTooLong,
    #[error("the name is empty")]
    EmptyName,
    #[error("the name holds control characters or nothing visible")]
    BadName,
}

/// NIST SP 800-63B: length matters, composition rules do not.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Bounds the work of hashing an attacker-sent password.
pub const MAX_PASSWORD_BYTES: usize = 256;

/// Normalises an e-mail address for lookup (trimmed, lower case) and checks
/// its shape; whether it receives mail is for the mail system to say.
pub fn normalise_email(input: &str) -> Result<String, AccountProblem> {
    let email = input.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
                && !domain.contains('@')
        });
    if valid {
        Ok(email)
    } else {
        Err(AccountProblem::BadEmail)
    }
}

pub fn check_password(password: &str) -> Result<(), AccountProblem> {
    if password.len() > MAX_PASSWORD_BYTES {
        Err(AccountProblem::PasswordTooLong)
    } else if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(AccountProblem::PasswordTooShort)
    } else {
        Ok(())
    }
}

pub fn check_name(name: &str) -> Result<String, AccountProblem> {
    let name = name.trim();
    if name.is_empty() {
        Err(AccountProblem::EmptyName)
    } else if !crate::text::is_acceptable(name) || !crate::text::is_visible(name) {
        Err(AccountProblem::BadName)
    } else {
        Ok(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(normalise_email("  Admin@Demo.Example ").unwrap(), "admin@demo.example");
        for bad in ["", "a", "a@b", "@b.kz", "a@.kz", "a@kz.", "a b@c.kz", "a@b@c.kz"] {
            assert_eq!(normalise_email(bad), Err(AccountProblem::BadEmail), "{bad}");
        }
    }

    #[test]
    fn passwords_need_length_not_composition() {
        assert_eq!(check_password("short"), Err(AccountProblem::PasswordTooShort));
        assert_eq!(check_password("құпия сөз ұзын"), Ok(()));
        assert_eq!(check_password(&"x".repeat(300)), Err(AccountProblem::PasswordTooLong));
    }
}
