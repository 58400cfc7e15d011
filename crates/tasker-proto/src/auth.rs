//! Access rules declared in the protos with `option (tasker.v1.auth)`.
//!
//! The server enforces these rules and the negative tests enumerate them; both
//! read them from the descriptor set through this module, so the schema stays
//! the only place a permission is written down.

use prost_reflect::{DescriptorPool, MethodDescriptor, Value};

use crate::v1::{AuthRule, auth_rule::Requirement};

/// Full name of the method option that carries an RPC's [`AuthRule`].
pub const AUTH_OPTION: &str = "tasker.v1.auth";

/// What a caller needs to invoke an RPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// No credential needed.
    Public,
    /// Any valid credential.
    Authenticated,
    /// A credential holding this permission (`resource:action`).
    Permission(String),
}

/// Reads the access rule of `method`. `None` when the method declares none (or
/// declares an empty rule): such a method must be denied.
pub fn method_access(pool: &DescriptorPool, method: &MethodDescriptor) -> Option<Access> {
    let extension = pool.get_extension_by_name(AUTH_OPTION)?;
    let options = method.options();
    if !options.has_extension(&extension) {
        return None;
    }
    let Value::Message(rule) = options.get_extension(&extension).into_owned() else {
        return None;
    };
    let rule: AuthRule = rule.transcode_to().ok()?;
    match rule.requirement? {
        Requirement::Public(true) => Some(Access::Public),
        Requirement::Authenticated(true) => Some(Access::Authenticated),
        Requirement::Permission(permission) if !permission.is_empty() => {
            Some(Access::Permission(permission))
        }
        _ => None,
    }
}

/// The gRPC path of a method, `/package.Service/Method`.
pub fn grpc_path(method: &MethodDescriptor) -> String {
    format!("/{}/{}", method.parent_service().full_name(), method.name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor_pool;

    fn method(pool: &DescriptorPool, service: &str, name: &str) -> MethodDescriptor {
        let Some(service) = pool.get_service_by_name(service) else {
            panic!("service {service} missing");
        };
        let Some(method) = service.methods().find(|m| m.name() == name) else {
            panic!("method {name} missing");
        };
        method
    }

    #[test]
    fn reads_each_kind_of_rule() -> Result<(), Box<dyn std::error::Error>> {
        let pool = descriptor_pool()?;
        let create = method(&pool, "tasker.v1.TaskService", "CreateTask");
        assert_eq!(
            method_access(&pool, &create),
            Some(Access::Permission("tasks:create".into()))
        );
        let check = method(&pool, "tasker.v1.HealthService", "Check");
        assert_eq!(method_access(&pool, &check), Some(Access::Public));
        let whoami = method(&pool, "tasker.v1.AuthService", "WhoAmI");
        assert_eq!(method_access(&pool, &whoami), Some(Access::Authenticated));
        assert_eq!(grpc_path(&whoami), "/tasker.v1.AuthService/WhoAmI");
        Ok(())
    }

    #[test]
    fn a_method_without_a_rule_has_no_access() -> Result<(), Box<dyn std::error::Error>> {
        // grpc.health-like methods outside tasker.v1 never declare a rule; the
        // vendored google packages have no services, so build one by hand.
        let pool = descriptor_pool()?;
        let mut set = prost_reflect::prost_types::FileDescriptorSet::default();
        set.file
            .push(prost_reflect::prost_types::FileDescriptorProto {
                name: Some("bare.proto".into()),
                package: Some("bare".into()),
                message_type: vec![prost_reflect::prost_types::DescriptorProto {
                    name: Some("Empty".into()),
                    ..Default::default()
                }],
                service: vec![prost_reflect::prost_types::ServiceDescriptorProto {
                    name: Some("Bare".into()),
                    method: vec![prost_reflect::prost_types::MethodDescriptorProto {
                        name: Some("Call".into()),
                        input_type: Some(".bare.Empty".into()),
                        output_type: Some(".bare.Empty".into()),
                        ..Default::default()
                    }],
                    ..Default::default()
                }],
                syntax: Some("proto3".into()),
                ..Default::default()
            });
        let mut extended = pool.clone();
        extended.add_file_descriptor_set(set)?;
        let call = method(&extended, "bare.Bare", "Call");
        assert_eq!(method_access(&extended, &call), None);
        Ok(())
    }
}
